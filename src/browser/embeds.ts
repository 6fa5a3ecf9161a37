/**
 * Embeds wait for their purpose (docs/embeds.md): `<iframe data-purpose="media" data-src="…">`
 * gets its `src` only while every purpose it names is granted. Until then a placeholder of the
 * frame's size stands before it (the frame hidden), says who provides the content, what allowing
 * it gives and shares, and offers "Allow …"; turning the purpose off again unloads the frame and
 * brings the placeholder back. Frames the site adds later are handled the same way.
 *
 * Loaded through `import()` only on pages that have such frames, so it may render with ui/.
 */
import type {PurposeConfig} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {planEmbed, type EmbedPlan} from '../core/embeds.js';
import {textPart, type Languages, type TextPart} from '../core/locale.js';
import {
  createPlaceholder,
  focusPlaceholder,
  PLACEHOLDER_TAG,
  renderPlaceholder,
  type PlaceholderView,
} from '../ui/embed-placeholder.js';
import {useLocale} from '../ui/interface.js';

export interface EmbedOptions {
  readonly purposes: readonly PurposeConfig[];
  /** The language the interface speaks now (for the configuration's texts; msg() strings follow @lit/localize's current locale, which the element sets). */
  readonly locale: string;
  /** The element's `theme` attribute value: 'light' | 'dark' | 'auto'. */
  readonly theme: string;
  /** The customer pressed "Allow …" for these purposes: the element records the decision (method `toggle`, surface `embed`) and then calls `update` with the new choices. */
  allow(purposeIds: readonly string[]): void;
  /** A frame of these purposes was loaded (its src set): its host, for the activity log. */
  onLoaded(purposeIds: readonly string[], host: string): void;
}

/**
 * Starts them once the interface speaks the customer's language (its translations loaded), as
 * the element does: `locale` becomes the best of `preferredLocales` that the interface has.
 */
export async function startEmbedsInLanguage(
  root: Document,
  options: Omit<EmbedOptions, 'locale'> & {preferredLocales(): readonly string[]},
): Promise<Embeds> {
  const locale = await useLocale(options.preferredLocales());
  return startEmbeds(root, {...options, locale});
}

export interface Embeds {
  /** Loads the embeds whose purposes are all granted, puts placeholders before the others. */
  update(choices: Choices): void;
  /** Stops watching for new embeds (placeholders stay as they are). */
  stop(): void;
}

const EMBEDS = 'iframe[data-purpose][data-src]';

/**
 * Set on a frame a center has taken, its value naming which: one center (of one element, of one
 * copy of the bundle) owns a frame, so no frame gets two placeholders. `stop` lets go of it.
 */
const OWNER = 'data-consent-embed';

/** Controls that can take focus, for a frame that cannot (the page hid it, or made it inert). */
const FOCUSABLE =
  'a[href], area[href], button, input, select, textarea, iframe, summary, [contenteditable], [tabindex]:not([tabindex="-1"])';

/**
 * The frame's layout, copied onto its placeholder: computed values read while the frame is not
 * rendered keep their specified form (`100%`, `auto`), so a fluid frame gets a fluid placeholder.
 */
const LAYOUT = [
  'position',
  'top',
  'right',
  'bottom',
  'left',
  'z-index',
  'float',
  'clear',
  'box-sizing',
  'width',
  'height',
  'min-width',
  'min-height',
  'max-width',
  'max-height',
  'aspect-ratio',
  'vertical-align',
  'flex-grow',
  'flex-shrink',
  'flex-basis',
  'align-self',
  'justify-self',
  'order',
  'grid-row-start',
  'grid-row-end',
  'grid-column-start',
  'grid-column-end',
  ...['top', 'right', 'bottom', 'left'].flatMap((side) => [
    `margin-${side}`,
    `padding-${side}`,
    `border-${side}-width`,
  ]),
  ...['top-left', 'top-right', 'bottom-right', 'bottom-left'].map(
    (corner) => `border-${corner}-radius`,
  ),
] as const;

/** What a hidden frame had before: put back when it loads. Shared by every center of this copy. */
interface HiddenFrame {
  /** Its inline `display`, which hiding overrides (a page rule may beat the `hidden` attribute). */
  readonly display: string;
  readonly displayPriority: string;
  readonly hadStyle: boolean;
  readonly wasHidden: boolean;
  /** The display the page gave it, for its placeholder. */
  readonly shownAs: string;
  /** Sizes in pixels where copying the layout did not reproduce the frame's box. */
  pinned: {width?: string; height?: string};
}
const hiddenFrames = new WeakMap<HTMLIFrameElement, HiddenFrame>();

/** Problems already reported on this page: each once, however many centers run. */
const warned = new Set<string>();

interface Embed {
  readonly frame: HTMLIFrameElement;
  placeholder: HTMLElement | undefined;
  /** The address the frame was given, while it is loaded. */
  loaded: string | undefined;
}

/**
 * Handles every `iframe[data-purpose][data-src]` of `root`, now and as the page adds them, from
 * the first `update` on. `root` is the document of this window: the placeholders' style sheets
 * are made here.
 */
export function startEmbeds(root: Document, options: EmbedOptions): Embeds {
  /** This center's mark on the frames it holds. */
  const token = Math.random().toString(36).slice(2, 10);
  const embeds = new Map<HTMLIFrameElement, Embed>();
  // Undefined until the first update: before the customer's choices are known nothing loads.
  let choices: Choices | undefined;
  /**
   * The embed whose "Allow" was pressed, until the next update (which the element makes as it
   * records the decision): its frame takes focus when it loads.
   */
  let allowedFrom: Embed | undefined;
  // Configuration text is looked up in the interface's language; text given as a plain string
  // is taken to be in it too (the configuration's `language` does not reach this module).
  const languages: Languages = {
    requested: options.locale,
    shown: options.locale,
    plain: options.locale,
  };

  const planOf = (frame: HTMLIFrameElement): EmbedPlan =>
    planEmbed(
      options.purposes,
      choices ?? {},
      frame.getAttribute('data-purpose'),
      frame.getAttribute('data-src'),
      root.baseURI,
    );

  /** Brings one frame in line with the choices; does nothing when it already is. */
  const reconcile = (frame: HTMLIFrameElement, fit: boolean): void => {
    const owner = frame.getAttribute(OWNER);
    let embed = embeds.get(frame);
    const isEmbed = frame.isConnected && frame.matches(EMBEDS);
    if (embed && (!isEmbed || (owner !== null && owner !== token)))
      return release(embed, owner === token || owner === null);
    if (!embed) {
      if (!isEmbed || (owner !== null && owner !== token)) return;
      embed = take(frame);
    } else if (owner === null) frame.setAttribute(OWNER, token);
    const plan = planOf(frame);
    if (plan.kind === 'load') show(embed, plan);
    else hold(embed, plan, fit);
  };

  const take = (frame: HTMLIFrameElement): Embed => {
    frame.setAttribute(OWNER, token);
    // A placeholder a stopped center left.
    const before = frame.previousElementSibling;
    if (before?.localName === PLACEHOLDER_TAG) before.remove();
    const embed: Embed = {frame, placeholder: undefined, loaded: undefined};
    embeds.set(frame, embed);
    return embed;
  };

  /** Forgets a frame: removed from the page, no longer an embed, or taken by another center. */
  const release = (embed: Embed, isOurs: boolean): void => {
    const {frame} = embed;
    embeds.delete(frame);
    embed.placeholder?.remove();
    if (allowedFrom === embed) allowedFrom = undefined;
    if (!isOurs || !frame.isConnected) return;
    // The site made it an ordinary frame again: it is its own to show.
    frame.removeAttribute(OWNER);
    unhide(frame);
  };

  const show = (embed: Embed, plan: EmbedPlan & {kind: 'load'}): void => {
    const {frame, placeholder} = embed;
    const active = root.activeElement;
    const takesFocus =
      placeholder !== undefined &&
      (active === placeholder ||
        (allowedFrom === embed && (active === null || active === root.body)));
    if (frame.getAttribute('src') !== plan.url) frame.src = plan.url;
    unhide(frame);
    placeholder?.remove();
    embed.placeholder = undefined;
    if (embed.loaded !== plan.url) {
      embed.loaded = plan.url;
      options.onLoaded(plan.ids, plan.host);
    }
    if (takesFocus) focusFrame(root, frame);
  };

  const hold = (embed: Embed, plan: EmbedPlan & {kind: 'ask' | 'never'}, fit: boolean): void => {
    const {frame} = embed;
    const hadFocus = root.activeElement === frame;
    let box: DOMRect | undefined;
    if (!embed.placeholder) {
      // Measured while the page still shows the frame, before anything changes.
      if (!hiddenFrames.has(frame)) box = frame.getBoundingClientRect();
      embed.placeholder = createPlaceholder(root, options.theme);
      fit = true;
    }
    const {placeholder} = embed;
    hide(frame);
    if (frame.previousSibling !== placeholder) frame.before(placeholder);
    if (frame.hasAttribute('src') || embed.loaded !== undefined) unload(frame);
    embed.loaded = undefined;
    if (plan.kind === 'never') warnOnce(plan, frame);
    renderPlaceholder(placeholder, viewOf(embed, plan));
    if (fit) fitPlaceholder(placeholder, frame, box);
    if (hadFocus) focusPlaceholder(placeholder);
  };

  const viewOf = (embed: Embed, plan: EmbedPlan & {kind: 'ask' | 'never'}): PlaceholderView => {
    const {frame} = embed;
    const {locale} = options;
    const pageLang = frame.closest('[lang]')?.getAttribute('lang') || undefined;
    const frameTitle: TextPart | undefined = frame.title.trim()
      ? {
          value: frame.title.trim(),
          lang: pageLang?.toLowerCase() === locale.toLowerCase() ? undefined : pageLang,
        }
      : undefined;
    if (plan.kind === 'never') return {kind: 'never', frameTitle, locale};
    const text = (value: PurposeConfig['title']) => textPart(value, languages);
    return {
      kind: 'ask',
      titles: plan.purposes.map(({title}) => text(title)),
      missingTitles: plan.missing.map(({title}) => text(title)),
      benefits: plan.missing.map(({benefit}) => text(benefit)),
      provider: plan.provider ? text(plan.provider.name) : {value: plan.host, lang: undefined},
      providerUrl: plan.provider?.url,
      frameTitle,
      locale,
      onAllow: () => {
        // Read at the press: the choices may have changed since this placeholder was drawn.
        const now = planOf(frame);
        if (now.kind !== 'ask') return;
        allowedFrom = embed;
        options.allow(now.missing.map(({id}) => id));
      },
    };
  };

  const reconcileAll = (fit: boolean): void => {
    for (const frame of root.querySelectorAll<HTMLIFrameElement>(EMBEDS)) reconcile(frame, fit);
    // Frames that left the page, or stopped being embeds.
    for (const {frame} of [...embeds.values()])
      if (!frame.isConnected || !frame.matches(EMBEDS)) reconcile(frame, false);
  };

  const observer = new MutationObserver((records) => {
    if (!choices) return;
    const frames = new Set<HTMLIFrameElement>();
    let hasRemovals = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        if ((record.target as Element).localName === 'iframe')
          frames.add(record.target as HTMLIFrameElement);
        continue;
      }
      if (record.removedNodes.length > 0) hasRemovals = true;
      for (const node of record.addedNodes) {
        // nodeType rather than instanceof: the watched document may belong to another window.
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (element.matches(EMBEDS)) frames.add(element as HTMLIFrameElement);
        for (const frame of element.querySelectorAll<HTMLIFrameElement>(EMBEDS)) frames.add(frame);
      }
    }
    if (hasRemovals) for (const frame of embeds.keys()) frames.add(frame);
    for (const frame of frames) reconcile(frame, false);
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-purpose', 'data-src', OWNER],
  });

  // A media query may give the frame another size: its placeholder follows, once a frame.
  const view = root.defaultView;
  let resizing = 0;
  const handleResize = () => {
    if (resizing || !view) return;
    resizing = view.requestAnimationFrame(() => {
      resizing = 0;
      for (const {frame, placeholder} of embeds.values())
        if (placeholder) fitPlaceholder(placeholder, frame, undefined);
    });
  };
  view?.addEventListener('resize', handleResize);

  return {
    update(next) {
      choices = next;
      reconcileAll(true);
      allowedFrom = undefined;
    },
    stop() {
      observer.disconnect();
      view?.removeEventListener('resize', handleResize);
      if (resizing) view?.cancelAnimationFrame(resizing);
      // Another center (another element, a later start) may take them now.
      for (const {frame} of embeds.values())
        if (frame.getAttribute(OWNER) === token) frame.removeAttribute(OWNER);
      embeds.clear();
    },
  };
}

function hide(frame: HTMLIFrameElement): void {
  if (hiddenFrames.has(frame)) return;
  const {style} = frame;
  hiddenFrames.set(frame, {
    display: style.getPropertyValue('display'),
    displayPriority: style.getPropertyPriority('display'),
    hadStyle: frame.hasAttribute('style'),
    wasHidden: frame.hidden,
    shownAs: getComputedStyle(frame).display,
    pinned: {},
  });
  frame.hidden = true;
  style.setProperty('display', 'none', 'important');
}

function unhide(frame: HTMLIFrameElement): void {
  const saved = hiddenFrames.get(frame);
  if (!saved) return;
  hiddenFrames.delete(frame);
  const {style} = frame;
  if (saved.display) style.setProperty('display', saved.display, saved.displayPriority);
  else style.removeProperty('display');
  if (!saved.hadStyle && style.length === 0) frame.removeAttribute('style');
  frame.hidden = saved.wasHidden;
}

/**
 * Ends what the frame shows: a frame taken out of the document loses its browsing context at
 * once, and put back without `src` it holds an empty one. Setting `about:blank` would leave the
 * provider's page running until that navigation ends (and let it delay it).
 */
function unload(frame: HTMLIFrameElement): void {
  frame.removeAttribute('src');
  const {parentNode, nextSibling} = frame;
  if (!parentNode) return;
  frame.remove();
  parentNode.insertBefore(frame, nextSibling);
}

/**
 * Gives the placeholder the frame's box: its layout copied (the frame is hidden, so the values
 * keep their specified form), and, where that does not reproduce the box the frame had (`box`,
 * measured before it was hidden), that axis in pixels.
 */
function fitPlaceholder(
  placeholder: HTMLElement,
  frame: HTMLIFrameElement,
  box: DOMRect | undefined,
): void {
  const saved = hiddenFrames.get(frame);
  if (!saved) return;
  const frameStyle = getComputedStyle(frame);
  const {style} = placeholder;
  for (const property of LAYOUT) style.setProperty(property, frameStyle.getPropertyValue(property));
  // An inline frame is an inline box with a size, as an inline-block is.
  style.setProperty('display', saved.shownAs === 'inline' ? 'inline-block' : saved.shownAs);
  if (frameStyle.position === 'static') {
    // Positioned, so that the content can fill it; offsets of a static frame mean nothing.
    style.setProperty('position', 'relative');
    for (const side of ['top', 'right', 'bottom', 'left']) style.setProperty(side, 'auto');
  }
  // A frame with no size and no ratio is 300 × 150 (CSS 2, 10.3.2); an empty box would be 0.
  const hasRatio = frameStyle.aspectRatio !== 'auto';
  if (frameStyle.width === 'auto' && !(hasRatio && frameStyle.height !== 'auto'))
    style.setProperty('width', '300px');
  if (frameStyle.height === 'auto' && !hasRatio) style.setProperty('height', '150px');
  if (box && box.width + box.height > 0) {
    const now = placeholder.getBoundingClientRect();
    const own = getComputedStyle(placeholder);
    const isBorderBox = own.boxSizing === 'border-box';
    const extra = (a: string, b: string) =>
      isBorderBox
        ? 0
        : parseFloat(own.getPropertyValue(`padding-${a}`)) +
          parseFloat(own.getPropertyValue(`padding-${b}`)) +
          parseFloat(own.getPropertyValue(`border-${a}-width`)) +
          parseFloat(own.getPropertyValue(`border-${b}-width`));
    if (Math.abs(now.width - box.width) > 0.5)
      saved.pinned.width = `${box.width - extra('left', 'right')}px`;
    if (Math.abs(now.height - box.height) > 0.5)
      saved.pinned.height = `${box.height - extra('top', 'bottom')}px`;
  }
  for (const [axis, value] of Object.entries(saved.pinned)) style.setProperty(axis, value);
}

/** Focus on the frame; on the next control after it when the frame cannot take it. */
function focusFrame(root: Document, frame: HTMLIFrameElement): void {
  frame.focus();
  if (root.activeElement === frame) return;
  const walker = root.createTreeWalker(root.documentElement, NodeFilter.SHOW_ELEMENT);
  walker.currentNode = frame;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node as Element).matches(FOCUSABLE)) continue;
    (node as HTMLElement).focus();
    if (root.activeElement === node) return;
  }
}

/** Tells the site owner, once, why a frame never loads. */
function warnOnce(plan: EmbedPlan & {kind: 'never'}, frame: HTMLIFrameElement): void {
  const problems =
    plan.reason === 'address'
      ? [
          `its data-src is not an http(s) address: ${JSON.stringify(
            (frame.getAttribute('data-src') ?? '').slice(0, 80),
          )}`,
        ]
      : plan.unknown.length === 0
        ? ['its data-purpose names no purpose']
        : plan.unknown.map((id) => `its data-purpose names "${id}", which is not configured`);
  for (const problem of problems) {
    if (warned.has(problem)) continue;
    warned.add(problem);
    console.warn(`<privacy-preferences>: an embedded frame never loads: ${problem}.`);
  }
}
