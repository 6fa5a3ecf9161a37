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
import type {ViewState} from './port.js';

/**
 * Where a message takes its spliced content (a list of titles, a name). A character no
 * translation contains, so a message can be cut at it once translated.
 */
export const SLOT = '\uE000';

/** The languages of a render, once the interface's strings for the customer are in (`shown`). */
export function languagesOf(state: ViewState, shown: string): Languages {
  const {phase} = state;
  return {
    requested: state.preferredLocales[0] ?? shown,
    shown,
    plain: (phase.kind === 'ready' && phase.config.language) || FALLBACK_LOCALE,
  };
}

/** The direction of a piece: its language's when marked, else found from its first letters. */
export function directionOf({lang}: TextPart): 'ltr' | 'rtl' | 'auto' {
  return lang ? (isRightToLeft(lang) ? 'rtl' : 'ltr') : 'auto';
}

/** A piece of configuration text. */
export function partNode(part: TextPart): HTMLElement {
  const node = document.createElement('bdi');
  node.textContent = part.value;
  node.dir = directionOf(part);
  if (part.lang) node.lang = part.lang;
  return node;
}

/** Titles joined as the interface's language joins a list. */
export function listNode(items: readonly TextPart[], locale: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const piece of listPieces(items, locale))
    fragment.append(piece.isItem ? partNode(piece) : piece.value);
  return fragment;
}

/** A translated message cut where its `SLOT` is (at its end, should a translation lack one). */
export function aroundSlot(message: string): readonly [string, string] {
  const at = message.indexOf(SLOT);
  return at < 0 ? [message, ''] : [message.slice(0, at), message.slice(at + SLOT.length)];
}

/** A translated message with `content` where its `SLOT` was. */
export function spliced(message: string, content: Node): (string | Node)[] {
  const [before, after] = aroundSlot(message);
  return [before, content, after];
}

/** What separates two sentences, or a label and its text: nothing in Chinese and Japanese. */
export function gapIn(locale: string): string {
  return /^(ja|zh)\b/i.test(locale) ? '' : ' ';
}
