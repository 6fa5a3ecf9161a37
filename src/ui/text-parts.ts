/**
 * Configuration text inside the interface's sentences, as DOM nodes both views can use (the
 * banner appends them; lit-html renders them as children): each piece isolated from the text
 * around it (`<bdi>`), and marked with its language when it is not the interface's (WCAG 3.1.2),
 * so a screen reader pronounces a fallback title right and a Latin name stays whole in Arabic.
 */
import {
  FALLBACK_LOCALE,
  isRightToLeft,
  listPieces,
  type Languages,
  type TextPart,
} from '../core/locale.js';
import {dom, type TreeBuilder} from './dom.js';
import type {ViewState} from './port.js';

/**
 * Where a message takes its spliced content (a list of titles, a name). A character no
 * translation contains, so a message can be cut at it once translated.
 */
export const SLOT = '\uE000';

/** The languages of a render, once the interface's strings for the customer are in (`shown`). */
export function languagesOf(state: ViewState, shown: string): Languages {
  const {phase} = state;
  return languagesFor(
    state.preferredLocales,
    phase.kind === 'ready' ? phase.config.language : undefined,
    shown,
  );
}

/** The languages of a render for the customer's `preferred` ones and the configuration's own. */
export function languagesFor(
  preferred: readonly string[],
  configLanguage: string | undefined,
  shown: string,
): Languages {
  return {requested: preferred[0] ?? shown, shown, plain: configLanguage || FALLBACK_LOCALE};
}

/** The direction of a piece: its language's when marked, else found from its first letters. */
export function directionOf({lang}: TextPart): 'ltr' | 'rtl' | 'auto' {
  return lang ? (isRightToLeft(lang) ? 'rtl' : 'ltr') : 'auto';
}

/** A piece of configuration text, built with `h`. */
export function partOf<N>(h: TreeBuilder<N>, part: TextPart): N {
  const dir = directionOf(part);
  return h.element('bdi', part.lang ? {dir, lang: part.lang} : {dir}, part.value);
}

/** Titles joined as the interface's language joins a list, built with `h`. */
export function listOf<N>(h: TreeBuilder<N>, items: readonly TextPart[], locale: string): N {
  return h.fragment(
    ...listPieces(items, locale).map((piece) => (piece.isItem ? partOf(h, piece) : piece.value)),
  );
}

/** A piece of configuration text, as a DOM node. */
export const partNode = (part: TextPart): Node => partOf(dom, part);

/** Titles joined as the interface's language joins a list, as DOM nodes. */
export const listNode = (items: readonly TextPart[], locale: string): Node =>
  listOf(dom, items, locale);

/** A translated message cut where its `SLOT` is (at its end, should a translation lack one). */
export function aroundSlot(message: string): readonly [string, string] {
  const at = message.indexOf(SLOT);
  return at < 0 ? [message, ''] : [message.slice(0, at), message.slice(at + SLOT.length)];
}

/** A translated message with `content` where its `SLOT` was. */
export function spliced<N>(message: string, content: N): (string | N)[] {
  const [before, after] = aroundSlot(message);
  return [before, content, after];
}

/** What separates two sentences, or a label and its text: nothing in Chinese and Japanese. */
export function gapIn(locale: string): string {
  return /^(ja|zh)\b/i.test(locale) ? '' : ' ';
}
