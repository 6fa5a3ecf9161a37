/**
 * Styles as constructable style sheets, without Lit's `css` runtime: the interface renders with
 * lit-html alone. The tag only joins the text (and lets editors and Prettier treat it as CSS).
 */
export function css(strings: TemplateStringsArray): string {
  return strings.join('');
}

const sheets = new Map<string, CSSStyleSheet>();

/** Adds the style sheet of `text` to `root`, once; one sheet per text, shared by every center. */
export function adoptStyles(root: ShadowRoot, text: string): void {
  let sheet = sheets.get(text);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    sheets.set(text, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
