/**
 * Views built with the DOM alone, no template engine (the banner, the embed placeholders): what
 * loads on a first visit stays small. Text is set as text, never as HTML.
 */

/** An element of the global document with these attributes and children. */
export function element(
  tag: string,
  attributes: Readonly<Record<string, string>>,
  ...children: readonly (Node | string | undefined)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== undefined));
  return node;
}
