/**
 * The network backstop (CONTRACT §5), for tags nobody marked: while the rules hold back a
 * host, the page's requests to it — `fetch`, `XMLHttpRequest`, `navigator.sendBeacon`, and the
 * `src` of `<script>`, `<img>` and `<iframe>` — are not sent. Each request is decided when it
 * is made, from the rules as they are then, so granting lifts the block at once. Only code that
 * runs after the install is covered: a tag that kept its own reference to `fetch` escapes.
 *
 * Loaded with `import()` only when a recipient lists hosts.
 */

export interface BackstopRules {
  /** The purposes holding back a request to this URL now; empty: send it. Never throws. */
  blockedBy(url: URL): readonly string[];
  /** Called once for each request held back, after the decision: its purposes and host only. */
  onBlocked(purposeIds: readonly string[], host: string): void;
}

export interface Backstop {
  /** Stops applying these rules (the wrappers stay, and pass through). */
  stop(): void;
}

type Page = Window & typeof globalThis;

/**
 * Shared by every copy of the bundle on a page, so that `fetch` and the rest are wrapped once
 * however many copies install rules. Each copy relies on this shape: change it only in ways an
 * older copy still reads.
 */
interface Registry {
  readonly rules: Set<BackstopRules>;
}

const REGISTRY = Symbol.for('privacy-preferences.backstop');

/** Holds back the page's requests that `rules` hold back, until `stop()`. */
export function installBackstop(win: Page, rules: BackstopRules): Backstop {
  const page = win as Page & Record<typeof REGISTRY, Registry | undefined>;
  let registry = page[REGISTRY];
  if (registry === undefined) {
    registry = {rules: new Set()};
    // Not writable: a copy of the bundle must not replace the registry the wrappers read.
    Object.defineProperty(win, REGISTRY, {value: registry});
    wrapRequests(win, registry);
  }
  // An entry of its own, so that `stop()` ends this install alone, even of rules installed twice.
  const entry: BackstopRules = {
    blockedBy: (url) => rules.blockedBy(url),
    onBlocked: (purposeIds, host) => rules.onBlocked(purposeIds, host),
  };
  const {rules: registered} = registry;
  registered.add(entry);
  return {stop: () => void registered.delete(entry)};
}

/** The URL a request to `target` goes to, when it can be held back (http or https). */
function requestUrl(target: unknown, base: string): URL | undefined {
  try {
    const url = new URL(String(target), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    // Whatever the browser makes of it (most often an error of its own), it is not ours to hold.
    return undefined;
  }
}

/** Decides for one request, from the rules registered now; the rules holding it are told. */
interface Decider {
  /** Whether any rules are registered: without, the wrappers pass everything through. */
  hasRules(): boolean;
  /** Whether a request to `target` (resolved against the document's base now) is held back. */
  holds(target: unknown): boolean;
  /** Whether a request to this already-resolved URL is held back. */
  holdsUrl(url: URL | undefined): boolean;
}

function wrapRequests(win: Page, registry: Registry): void {
  const reportError = (error: unknown) => win.reportError(error);
  const holdsUrl = (url: URL | undefined): boolean => {
    if (url === undefined) return false;
    const holding: [BackstopRules, readonly string[]][] = [];
    for (const rules of registry.rules) {
      try {
        const purposeIds = rules.blockedBy(url);
        if (purposeIds.length > 0) holding.push([rules, purposeIds]);
      } catch (error) {
        // A broken rule must not break the page's request: it goes, and the page hears why.
        reportError(error);
      }
    }
    // Told only once every rule decided, so that no listener can sway another rule's decision.
    for (const [rules, purposeIds] of holding) {
      try {
        rules.onBlocked(purposeIds, url.hostname);
      } catch (error) {
        reportError(error);
      }
    }
    return holding.length > 0;
  };
  const hasRules = () => registry.rules.size > 0;
  const decider: Decider = {
    hasRules,
    holdsUrl,
    // Nothing is parsed while no rules are registered: after stop(), a wrapper costs a call.
    holds: (target) => hasRules() && holdsUrl(requestUrl(target, win.document.baseURI)),
  };
  wrapFetchAndBeacon(win, decider);
  wrapXhr(win, decider);
  guardElements(win, decider);
}

function wrapFetchAndBeacon(win: Page, {holds}: Decider): void {
  const {fetch} = win;
  win.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
    const [input] = args;
    // A Request from another window is read as text, as any object: its host goes unchecked.
    if (holds(input instanceof win.Request ? input.url : input))
      return Promise.reject(new win.TypeError('Failed to fetch'));
    return fetch.apply(this, args);
  };

  const {sendBeacon} = win.Navigator.prototype;
  win.Navigator.prototype.sendBeacon = function (
    this: Navigator,
    ...args: Parameters<typeof sendBeacon>
  ) {
    return holds(args[0]) ? false : sendBeacon.apply(this, args);
  };
}

const ELEMENT_NODE = 1;
const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const ELEMENTS_WITH_SRC = 'script[src], img[src], iframe[src]';

/**
 * Script, image and frame elements never get a held-back src: their `src` setters and
 * `setAttribute` decide before the browser sees the value; markup is checked once parsed.
 */
function guardElements(win: Page, {holds, hasRules}: Decider): void {
  const {getAttribute, setAttribute, removeAttribute} = win.Element.prototype;
  const setFrameSrc = Object.getOwnPropertyDescriptor(win.HTMLIFrameElement.prototype, 'src')!.set!;

  /** Leaves nothing on the element that would send the request, now or later. */
  const holdBack = (element: Element) => {
    if (element.localName === 'iframe') setFrameSrc.call(element, 'about:blank');
    else removeAttribute.call(element, 'src');
  };

  for (const {prototype} of [win.HTMLScriptElement, win.HTMLImageElement, win.HTMLIFrameElement]) {
    const src = Object.getOwnPropertyDescriptor(prototype, 'src')!;
    const setSrc = src.set!;
    Object.defineProperty(prototype, 'src', {
      ...src,
      set(this: Element, value: unknown) {
        // The value itself goes on, not its text: it may be a TrustedScriptURL.
        if (holds(value)) holdBack(this);
        else setSrc.call(this, value);
      },
    });
    // On these prototypes only: every other element's setAttribute stays the browser's own.
    Object.defineProperty(prototype, 'setAttribute', {
      configurable: true,
      enumerable: true,
      writable: true,
      value: function (this: Element, ...args: Parameters<typeof setAttribute>) {
        const [name, value] = args;
        if (typeof name === 'string' && name.toLowerCase() === 'src' && holds(value))
          holdBack(this);
        else setAttribute.apply(this, args);
      },
    });
  }

  const check = (node: Node) => {
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    if (element.namespaceURI !== HTML_NAMESPACE || !element.matches(ELEMENTS_WITH_SRC)) return;
    if (holds(getAttribute.call(element, 'src'))) holdBack(element);
  };
  const checkAll = (root: Element | DocumentFragment) => {
    for (const element of root.querySelectorAll(ELEMENTS_WITH_SRC)) check(element);
  };

  // For markup parsed into the document, and attributes set around the wrappers
  // (setAttributeNS, Attr nodes). Its callback alone comes too late for markup: an image parsed
  // from it sends its request a microtask later. So the markup APIs below take its records at
  // once; document.write, setHTMLUnsafe and the rest still wait for the callback, a last line
  // that may come after the request left.
  const handle = (records: MutationRecord[]) => {
    if (!hasRules()) return;
    for (const record of records) {
      if (record.type === 'attributes') check(record.target);
      for (const node of record.addedNodes) {
        check(node);
        if (node.nodeType === ELEMENT_NODE) checkAll(node as Element);
      }
    }
  };
  const observer = new win.MutationObserver(handle);
  observer.observe(win.document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['src'],
  });
  const checkNow = () => handle(observer.takeRecords());

  const innerHtml = Object.getOwnPropertyDescriptor(win.Element.prototype, 'innerHTML')!;
  // A frame starts navigating as it is inserted, before any check could stop it: markup with a
  // frame is parsed inertly first (a template's content loads nothing), and when a frame in it
  // is held back, the template's markup goes on instead, that frame on about:blank. Trusted
  // HTML goes on as it is (a string of ours would be refused): its frames are checked after.
  const withFramesHeld = (context: Element, markup: unknown): unknown => {
    // Another document (DOMParser's, an XML one) loads nothing, and may not parse as HTML.
    if (typeof markup !== 'string' || context.ownerDocument !== win.document) return markup;
    if (!hasRules() || !/<iframe/i.test(markup)) return markup;
    const template = win.document.createElement('template');
    innerHtml.set!.call(template, markup);
    let isHeld = false;
    for (const frame of template.content.querySelectorAll('iframe[src]')) {
      if (!holds(getAttribute.call(frame, 'src'))) continue;
      holdBack(frame);
      isHeld = true;
    }
    return isHeld ? innerHtml.get!.call(template) : markup;
  };

  for (const name of ['innerHTML', 'outerHTML'] as const) {
    const property = Object.getOwnPropertyDescriptor(win.Element.prototype, name)!;
    const set = property.set!;
    Object.defineProperty(win.Element.prototype, name, {
      ...property,
      set(this: Element, markup: unknown) {
        set.call(this, withFramesHeld(this, markup));
        checkNow();
      },
    });
  }
  const {insertAdjacentHTML} = win.Element.prototype;
  win.Element.prototype.insertAdjacentHTML = function (
    this: Element,
    ...args: Parameters<typeof insertAdjacentHTML>
  ) {
    // TypeScript types Trusted HTML as a string too.
    if (args.length > 1) args[1] = withFramesHeld(this, args[1]) as string;
    insertAdjacentHTML.apply(this, args);
    checkNow();
  };
  // Its scripts start loading when the fragment is inserted, before any record of it is taken.
  const {createContextualFragment} = win.Range.prototype;
  win.Range.prototype.createContextualFragment = function (
    this: Range,
    ...args: Parameters<typeof createContextualFragment>
  ) {
    const fragment = createContextualFragment.apply(this, args);
    if (hasRules()) checkAll(fragment);
    return fragment;
  };
}

interface OpenedXhr {
  readonly url: URL | undefined;
  readonly isAsync: boolean;
  /** Set once a send was held back: the browser's own state is still OPENED. */
  isFailed?: true;
}

/**
 * XHR is decided at `send()`, against the URL `open()` resolved. A held-back send looks like a
 * network error (XHR standard, "request error steps") without any request: `loadstart` now,
 * then in a later task readyState 4, `readystatechange`, `error` and `loadend`, status 0; a
 * synchronous one throws a NetworkError. Upload events are not fired (whether the page listens
 * to them cannot be known), and an abort() before the error is not mirrored: the error follows.
 */
function wrapXhr(win: Page, {holdsUrl}: Decider): void {
  const opened = new WeakMap<XMLHttpRequest, OpenedXhr>();
  const {prototype} = win.XMLHttpRequest;
  // Typed loosely: its overloads differ in arity, and every call passes on what it was given.
  const open = prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
  const {send} = prototype;

  prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    // Each open() starts afresh, and takes back the DONE a held-back send left.
    Reflect.deleteProperty(this, 'readyState');
    opened.delete(this);
    open.apply(this, args);
    // Only three or more arguments can make it synchronous (even `undefined` as the third).
    opened.set(this, {
      url: requestUrl(args[1], win.document.baseURI),
      isAsync: args.length < 3 || Boolean(args[2]),
    });
  };

  prototype.send = function (this: XMLHttpRequest, ...args: Parameters<typeof send>) {
    const request = opened.get(this);
    if (request?.isFailed)
      throw new win.DOMException("The object's state must be OPENED.", 'InvalidStateError');
    if (request === undefined || !holdsUrl(request.url)) return send.apply(this, args);
    request.isFailed = true;
    const done = () =>
      Object.defineProperty(this, 'readyState', {configurable: true, get: () => this.DONE});
    if (!request.isAsync) {
      done();
      throw new win.DOMException('A network error occurred.', 'NetworkError');
    }
    this.dispatchEvent(new win.ProgressEvent('loadstart'));
    setTimeout(() => {
      // Opened again meanwhile: that is a new request, not this one.
      if (opened.get(this) !== request) return;
      done();
      this.dispatchEvent(new win.Event('readystatechange'));
      this.dispatchEvent(new win.ProgressEvent('error'));
      this.dispatchEvent(new win.ProgressEvent('loadend'));
    });
  };
}
