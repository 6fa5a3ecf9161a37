/**
 * The server's builder (`TreeBuilder`, dom.ts): the same trees as the browser's DOM, as HTML
 * text. Text and attribute values are escaped, so configuration text stays text. DOM-free.
 */
import type {TreeBuilder} from './dom.js';

/** A piece of HTML, as opposed to text (which a builder escapes). */
export interface Markup {
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);

const html = (children: readonly (Markup | string | undefined)[]) =>
  children
    .map((child) => (typeof child === 'string' ? escape(child) : (child?.html ?? '')))
    .join('');

/** Elements without content or end tag. */
const VOID = new Set(['link']);

export const markup: TreeBuilder<Markup> = {
  element(tag, attributes, ...children) {
    const written = Object.entries(attributes)
      .map(([name, value]) => ` ${name}="${escape(value)}"`)
      .join('');
    return {
      html: VOID.has(tag) ? `<${tag}${written}>` : `<${tag}${written}>${html(children)}</${tag}>`,
    };
  },
  fragment: (...children) => ({html: html(children)}),
};
