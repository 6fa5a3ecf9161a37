/**
 * Script gating: scripts the site marks `type="text/plain" data-purpose="…"` stay inert until
 * every purpose they list is granted, then run once as real scripts, in document order. The
 * browser never runs a script whose type it changed later, so each one is re-created.
 */
import type {Choices} from '../core/consent.js';

export interface ScriptGate {
  /** Activates every gated script whose purposes are all granted in `choices` (once each, in document order). Resolves when this round's scripts are inserted (external non-async ones loaded or failed). */
  update(choices: Choices): Promise<void>;
  /** Purposes for which at least one script has run on this page (revoking them cannot unload it). */
  readonly activatedPurposes: ReadonlySet<string>;
  /** Stops watching for scripts added later. */
  stop(): void;
}

const GATED = 'script[type="text/plain"][data-purpose]';

/**
 * Set on an original once its copy is in the page. It is the only record of what ran: every
 * gate (a second element, a second copy of this bundle) reads it, so none runs a script twice.
 */
const ACTIVATED = 'data-consent-activated';

/**
 * Attributes that describe the gating, not the script. `nonce` goes through its property
 * instead: browsers blank the attribute once the element is in a page with a CSP header.
 */
const NOT_COPIED = new Set(['type', 'data-type', 'data-purpose', 'nonce']);

/** The types the browser runs (and so fires `load` or `error` for); any other type just sits. */
const JAVASCRIPT_TYPE =
  /^(?:|module|(?:application|text)\/(?:x-)?(?:ecma|java)script|text\/(?:javascript1\.[0-5]|jscript|livescript))$/i;

/**
 * Rounds of every gate take turns on one queue, so two gates on a page cannot interleave
 * their scripts and break document order.
 */
let queue: Promise<void> = Promise.resolve();

/**
 * `onRun`: told of each script this gate ran, with its purposes and the host it came from (the
 * page's own for inline code).
 */
export function gateScripts(
  root: Document = document,
  onRun: (purposeIds: readonly string[], host: string) => void = () => {},
): ScriptGate {
  // Undefined until the first update: before the site's choices are known nothing runs.
  let choices: Choices | undefined;
  // What this gate ran, kept in case the site later removes an original (and its mark).
  const ran = new Set<string>();

  const enqueueRound = (): Promise<void> => {
    const round = queue.then(() => activatePending(root, () => choices, ran, onRun));
    // The caller hears of a failed round; the rounds after it still run.
    queue = round.catch(() => {});
    return round;
  };

  const observer = new MutationObserver((records) => {
    if (choices && records.some((record) => addsMatch(record, GATED))) void enqueueRound();
  });
  observer.observe(root, {childList: true, subtree: true});

  return {
    update(next) {
      choices = next;
      return enqueueRound();
    },
    get activatedPurposes() {
      const purposes = new Set(ran);
      for (const script of root.querySelectorAll(`script[${ACTIVATED}]`)) {
        for (const id of purposesOf(script)) purposes.add(id);
      }
      return purposes;
    },
    stop: () => observer.disconnect(),
  };
}

async function activatePending(
  root: Document,
  currentChoices: () => Choices | undefined,
  ran: Set<string>,
  onRun: (purposeIds: readonly string[], host: string) => void,
): Promise<void> {
  for (const original of root.querySelectorAll<HTMLScriptElement>(`${GATED}:not([${ACTIVATED}])`)) {
    // Checked again for each script: while an earlier one loads, the customer may revoke the
    // purpose, the site may remove the script, or a second copy of this bundle (which has its
    // own queue) may run it.
    const choices = currentChoices();
    const purposes = purposesOf(original);
    // An empty `data-purpose` names nothing to consent to, so it never counts as granted.
    const isGranted =
      choices !== undefined &&
      purposes.length > 0 &&
      purposes.every((id) => choices[id] === 'granted');
    if (!isGranted || original.hasAttribute(ACTIVATED) || !original.isConnected) continue;
    if (!(await activate(original))) continue;
    for (const id of purposes) ran.add(id);
    onRun(purposes, new URL(original.src || root.URL).hostname);
  }
}

/**
 * Inserts a running copy right after the original. Resolves when the next script may go (for
 * an external script without `async`, once it loaded or failed): true, or false when no copy
 * could be made.
 */
function activate(original: HTMLScriptElement): Promise<boolean> {
  let copy: HTMLScriptElement;
  try {
    copy = copyOf(original);
  } catch (error) {
    // Most likely Trusted Types refused our policy and the site has no default policy. The
    // other scripts still get their turn; the page's error handling hears about this one.
    reportError(error);
    return Promise.resolve(false);
  }
  const mustWait =
    copy.hasAttribute('src') &&
    !copy.async &&
    !copy.noModule &&
    JAVASCRIPT_TYPE.test(copy.type.trim());
  const done = new Promise<boolean>((resolve) => {
    if (!mustWait) return resolve(true);
    // A script that fails to load still ends its turn: the next one must not wait forever.
    copy.addEventListener('load', () => resolve(true), {once: true});
    copy.addEventListener('error', () => resolve(true), {once: true});
  });
  original.setAttribute(ACTIVATED, '');
  original.after(copy);
  return done;
}

function copyOf(original: HTMLScriptElement): HTMLScriptElement {
  const copy = original.ownerDocument.createElement('script');
  for (const {name, value} of original.attributes) {
    // setAttribute, not setAttributeNS: the parser gives `xml:lang` and the like no namespace,
    // and setAttributeNS refuses a prefix without one.
    if (!NOT_COPIED.has(name)) copy.setAttribute(name, trustedAttribute(name, value));
  }
  const type = original.getAttribute('data-type');
  if (type !== null) copy.type = type;
  copy.nonce = original.nonce;
  // Inserted scripts are async unless told otherwise; a parsed one without `async` kept its
  // place in line, and so does its copy.
  if (!copy.hasAttribute('async')) copy.async = false;
  if (!copy.hasAttribute('src')) copy.text = trusted('script', original.text);
  return copy;
}

function purposesOf(script: Element): string[] {
  return (script.getAttribute('data-purpose') ?? '').split(/\s+/).filter(Boolean);
}

/** Whether the record adds an element matching `selector`, or one holding such an element. */
export function addsMatch(record: MutationRecord, selector: string): boolean {
  // nodeType rather than instanceof: the watched document may belong to another window.
  return Array.from(record.addedNodes).some(
    (node) =>
      node.nodeType === Node.ELEMENT_NODE &&
      ((node as Element).matches(selector) || (node as Element).querySelector(selector) !== null),
  );
}

// Trusted Types. Under `require-trusted-types-for 'script'` the page refuses plain strings as
// script text, script URLs and event handler attributes. Our policy passes values through
// unchanged, which is sound here only because it re-creates markup the site owner already put
// in the page; the policy object never leaves this module. Sites with a `trusted-types`
// allow-list must add `privacy-preferences` to it.

const POLICY_NAME = 'privacy-preferences';

/** Trusted Types are not in TypeScript's DOM types yet; this is the part we use. */
interface ScriptPolicy {
  createScript(input: string): object;
  createScriptURL(input: string): object;
}
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: {createScript(input: string): string; createScriptURL(input: string): string},
  ): ScriptPolicy;
}

// Created once, on first use: the page may forbid creating a policy name twice.
let policy: ScriptPolicy | null | undefined;

function scriptPolicy(): ScriptPolicy | null {
  if (policy === undefined) {
    const factory = (globalThis as typeof globalThis & {trustedTypes?: TrustedTypesFactory})
      .trustedTypes;
    const pass = (input: string) => input;
    try {
      policy =
        factory?.createPolicy(POLICY_NAME, {createScript: pass, createScriptURL: pass}) ?? null;
    } catch {
      // Our name is not on the site's allow-list: plain strings, which the site's default
      // policy may accept (and otherwise `activate` reports the refusal).
      policy = null;
    }
  }
  return policy;
}

function trusted(kind: 'script' | 'scriptURL', value: string): string {
  const current = scriptPolicy();
  if (!current) return value;
  const wrapped = kind === 'script' ? current.createScript(value) : current.createScriptURL(value);
  // TypeScript types these sinks as string; browsers accept the Trusted Types object there.
  return wrapped as unknown as string;
}

function trustedAttribute(name: string, value: string): string {
  if (name === 'src') return trusted('scriptURL', value);
  if (name.startsWith('on')) return trusted('script', value);
  return value;
}
