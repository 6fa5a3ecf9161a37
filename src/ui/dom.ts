/**
 * Views built without a template engine (the banner, the embed placeholders): what loads on a
 * first visit stays small. Text is set as text, never as HTML.
 *
 * The banner's markup is written once, against `TreeBuilder`: in the browser it builds DOM
 * nodes (`dom`), on a server the same markup as text (`ui/markup.ts`, for `renderBanner`).
 */

type Child<N> = N | string | undefined;

/** Builds a tree of `N`: an element with attributes (in this order) and children, or a list. */
export interface TreeBuilder<N> {
  element(tag: string, attributes: Readonly<Record<string, string>>, ...children: Child<N>[]): N;
  fragment(...children: Child<N>[]): N;
}

/** An element of the global document with these attributes and children. */
export function element(
  tag: string,
  attributes: Readonly<Record<string, string>>,
  ...children: readonly Child<Node>[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== undefined));
  return node;
}

/** The browser's builder: DOM nodes of the global document. */
export const dom: TreeBuilder<Node> = {
  element,
  fragment(...children) {
    const fragment = document.createDocumentFragment();
    fragment.append(...children.filter((child) => child !== undefined));
    return fragment;
  },
};
