/**
 * The placeholder shown in place of an embed while its purpose is off (browser/embeds.ts decides
 * when, and gives it the frame's size): who provides the content, what allowing it gives and
 * shares, the provider's privacy page, and "Allow …". Built with the DOM alone, as the banner
 * is: a first visit to a page with a video pays for no template engine. Its shadow root keeps
 * the page's CSS out; the center's tokens (`--pp-color-*`, `--pp-radius`, `--pp-font-family`…),
 * set on `:root` or on the tag, style it, and its parts can be restyled:
 *
 * @csspart embed-placeholder - The placeholder's content: a group named after the purpose and the provider.
 * @csspart embed-name - Its first line: "Video from StreamTube".
 * @csspart embed-frame-title - The frame's own `title`, when it has one.
 * @csspart embed-benefit - "What you get:" and the purpose's benefit.
 * @csspart embed-note - What allowing shares, and with whom.
 * @csspart embed-provider-link - The link to the provider's privacy page.
 * @csspart embed-allow - The "Allow …" button.
 */
import {msg, str} from '@lit/localize';
import {isRightToLeft, type TextPart} from '../core/locale.js';
import {element} from './dom.js';
import {baseStyles} from './styles/base.js';
import {embedStyles} from './styles/embed.js';
import {adoptStyles} from './styles/sheet.js';
import {directionOf, gapIn, listNode, partNode, SLOT, spliced} from './text-parts.js';

/** The placeholder's tag: a name no page's `div` or `iframe` rules reach. */
export const PLACEHOLDER_TAG = 'privacy-preferences-embed';

/**
 * Where a message with two pieces of content takes the second; a translation may put it first.
 * Only the placeholder has such a message: here, not in text-parts, so the banner does not carry it.
 */
const SECOND_SLOT = '\uE001';

/**
 * A translated message with `first` where its `SLOT` was and `second` where its `SECOND_SLOT`
 * was, in whichever order the translation has them (one it lacks goes at its end).
 */
function splicedTwo(message: string, first: Node, second: Node): (string | Node)[] {
  const pieces: (string | Node)[] = message
    .split(/(\uE000|\uE001)/)
    .map((piece) => (piece === SLOT ? first : piece === SECOND_SLOT ? second : piece));
  if (!message.includes(SLOT)) pieces.push(first);
  if (!message.includes(SECOND_SLOT)) pieces.push(second);
  return pieces;
}

export type PlaceholderView =
  /** The frame waits for purposes the customer can allow here. */
  | {
      readonly kind: 'ask';
      /** Every purpose the frame names. */
      readonly titles: readonly TextPart[];
      /** Those not granted yet: what "Allow" grants. */
      readonly missingTitles: readonly TextPart[];
      readonly benefits: readonly TextPart[];
      /** The recipient whose hosts match the frame's address, else that address's host. */
      readonly provider: TextPart;
      readonly providerUrl: string | undefined;
      readonly frameTitle: TextPart | undefined;
      /** The interface's language. */
      readonly locale: string;
      readonly onAllow: () => void;
    }
  /** The frame can never load (an address that is not http(s), a purpose nobody configured). */
  | {readonly kind: 'never'; readonly frameTitle: TextPart | undefined; readonly locale: string};

/** A new, empty placeholder for `doc`, in this theme (`light`, `dark`, `auto`). */
export function createPlaceholder(doc: Document, theme: string): HTMLElement {
  const registry = doc.defaultView?.customElements;
  // Defined, so that a page hiding `:not(:defined)` elements until they upgrade shows it. The
  // class has no behaviour: a definition by another copy of the bundle serves just as well.
  if (registry && !registry.get(PLACEHOLDER_TAG))
    registry.define(PLACEHOLDER_TAG, class extends doc.defaultView!.HTMLElement {});
  const host = doc.createElement(PLACEHOLDER_TAG);
  host.setAttribute('theme', theme);
  const root = host.attachShadow({mode: 'open'});
  adoptStyles(root, baseStyles);
  adoptStyles(root, embedStyles);
  return host;
}

/** What each placeholder shows now: it is rebuilt only when that changes, so focus stays put. */
const shownMarkup = new WeakMap<HTMLElement, string>();

/** Shows `view` in a placeholder made by `createPlaceholder`. */
export function renderPlaceholder(host: HTMLElement, view: PlaceholderView): void {
  const root = host.shadowRoot!;
  const next = build(view);
  const markup = next.outerHTML;
  if (shownMarkup.get(host) === markup) return;
  shownMarkup.set(host, markup);
  const hadFocus = root.activeElement !== null;
  root.replaceChildren(next);
  if (hadFocus) focusPlaceholder(host);
}

/** Focus on the placeholder's button (on the placeholder itself when it has none). */
export function focusPlaceholder(host: HTMLElement): void {
  const root = host.shadowRoot;
  (
    root?.querySelector<HTMLElement>('button') ?? root?.querySelector<HTMLElement>('.embed')
  )?.focus();
}

function build(view: PlaceholderView): HTMLElement {
  const {locale, frameTitle} = view;
  const gap = gapIn(locale);
  const title =
    frameTitle &&
    element(
      'p',
      {
        id: 'embed-frame-title',
        class: 'embed-note',
        part: 'embed-frame-title',
        ...(frameTitle.lang && {lang: frameTitle.lang}),
        dir: directionOf(frameTitle),
      },
      frameTitle.value,
    );
  const name = (...content: (string | Node)[]) =>
    element('p', {id: 'embed-name', class: 'embed-name', part: 'embed-name'}, ...content);
  const body =
    view.kind === 'never'
      ? [
          name(msg('Embedded content')),
          title,
          element('p', {}, msg("This content can't be shown here.")),
        ]
      : [
          name(
            ...splicedTwo(
              msg(str`${SLOT} from ${SECOND_SLOT}`, {
                desc: 'Names the placeholder shown instead of embedded content (a video, a map): the purposes it needs, then who provides it.',
              }),
              listNode(view.titles, locale),
              partNode(view.provider),
            ),
          ),
          title,
          element(
            'p',
            {part: 'embed-benefit'},
            element('strong', {}, msg('What you get:')),
            ...view.benefits.flatMap((benefit) => [gap, partNode(benefit)]),
          ),
          element(
            'p',
            {class: 'embed-note', part: 'embed-note'},
            ...spliced(
              msg(
                str`Once you allow it, this content loads from ${SLOT}, which then receives data about your visit, such as your IP address. You can turn it off again at any time.`,
              ),
              partNode(view.provider),
            ),
            ...(view.providerUrl
              ? [
                  gap,
                  element(
                    'a',
                    {href: view.providerUrl, part: 'embed-provider-link'},
                    ...spliced(msg(str`Privacy policy of ${SLOT}`), partNode(view.provider)),
                  ),
                ]
              : []),
          ),
          allowButton(view),
        ];
  return element(
    'div',
    {
      class: 'embed',
      part: 'embed-placeholder',
      role: 'group',
      'aria-labelledby': 'embed-name',
      ...(title && {'aria-describedby': 'embed-frame-title'}),
      tabindex: '-1',
      lang: locale,
      dir: isRightToLeft(locale) ? 'rtl' : 'ltr',
    },
    element('div', {class: 'embed-body'}, ...body),
  );
}

function allowButton(view: PlaceholderView & {kind: 'ask'}): HTMLElement {
  const button = element(
    'button',
    {type: 'button', class: 'action', part: 'embed-allow'},
    ...spliced(
      msg(str`Allow ${SLOT}`, {
        desc: 'The button of a placeholder for embedded content: turns on the purposes it needs (their titles) and loads it.',
      }),
      listNode(view.missingTitles, view.locale),
    ),
  );
  button.addEventListener('click', view.onAllow);
  return button;
}
