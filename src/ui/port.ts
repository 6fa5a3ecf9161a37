/**
 * What the interface modules (loaded on demand) need from the center: the state to render,
 * read afresh at every render, and the customer's intents to forward. The element and the
 * session own the state and everything that honors it; the interface only shows it.
 */
import type {DisplayMode} from '../attributes.js';
import type {PageActivity} from '../core/activity.js';
import type {PrivacyConfig} from '../core/config.js';
import type {AppliedRule} from '../core/jurisdiction.js';
import type {Ask, Choices, PolicyChange} from '../core/consent.js';
import type {Problem} from '../core/problem.js';
import type {Surface} from '../core/protocol.js';
import type {ReceiptInput} from '../core/receipt.js';
import type {SessionStatus} from '../core/session-status.js';

export type {DisplayMode};

export type ReceiptFacts = Pick<ReceiptInput, 'subject' | 'choices' | 'hasGpcSignal' | 'decision'>;

export type Phase =
  | {readonly kind: 'loading'}
  | {readonly kind: 'invalid'; readonly problems: readonly Problem[]}
  | {readonly kind: 'ready'; readonly config: PrivacyConfig};

export interface ViewState {
  readonly mode: DisplayMode;
  readonly phase: Phase;
  readonly choices: Choices;
  readonly status: SessionStatus;
  readonly policyChange: PolicyChange | undefined;
  readonly hasGpcSignal: boolean;
  /** What the banner asks: everything, or only the purposes added since a refusal. */
  readonly ask: Ask;
  /** The jurisdiction rule that applies on this page. */
  readonly rule: AppliedRule;
  /** The banner is wanted: no current decision, and this element holds the page's banner. */
  readonly showsBanner: boolean;
  /** `open()` was called in a dialog mode: the dialog stays rendered from then on. */
  readonly wantsDialog: boolean;
  /** The customer's languages, most wanted first. */
  readonly preferredLocales: readonly string[];
  /**
   * The session has started, or could not start, or is starting from this browser's copy of
   * the choices (nothing to restore): the choices can be shown and decided (without a session,
   * on this page only; before it has started, recorded once it has).
   */
  readonly isSessionSettled: boolean;
  /** Of these purposes, those whose scripts already ran in this page. */
  alreadyRunning(purposeIds: readonly string[]): string[];
  /** What this page did under a purpose ("On this page"). */
  activityOf(purposeId: string): PageActivity | undefined;
}

export interface ViewPort {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  state(): ViewState;
  /**
   * "Accept all", of every purpose or `only` these (the banner asking about new ones), made
   * where `surface` says (the record's evidence).
   */
  acceptAll(surface: Surface, only?: readonly string[]): void;
  rejectAll(surface: Surface, only?: readonly string[]): void;
  toggle(purposeId: string, surface: Surface): void;
  retry(): void;
  /**
   * For "Download my choices": what the receipt says of the customer, once this page's
   * decisions so far are stored (`undefined` before the session has started).
   */
  receiptFacts(): Promise<ReceiptFacts | undefined>;
  /** "Choose what to allow" in the banner: the full center as a dialog. */
  choose(): void;
  /** "OK" in a notice (the rule informs, asks nothing): not shown again under this policy. */
  dismissNotice(): void;
  /** The pointer or the focus reached "Choose what to allow": the center's files load now. */
  warmCenter(): void;
  /** Runs `task` once the page is idle: work a slow phone should not spend a frame on now. */
  whenIdle(task: () => void): void;
  /** A module of the interface could not be loaded (offline, CSP): the page is told. */
  reportFailure(what: string, error: unknown): void;
}

export interface View {
  /** Renders the current state; resolves once it is on screen (translations loaded). */
  render(): Promise<void>;
  dispose(): void;
}

export interface CenterView extends View {
  /** Dialog modes: shows the dialog at the next render, focus on `purposeId`'s switch if given. */
  open(purposeId?: string): void;
  /**
   * In place: focus on `purposeId`'s switch (or, until the list shows, the heading, then the
   * switch as it arrives); whether the center is rendered.
   */
  focus(purposeId?: string): boolean;
  close(): void;
}

/** A view module's default export. */
export type MountView<V extends View> = (port: ViewPort) => V;
