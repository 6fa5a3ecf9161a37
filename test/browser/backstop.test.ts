/**
 * The network backstop in a real browser, asserting what reached the server
 * (test/support/request-log-plugin.mjs). The page comes from `localhost`; the same server as
 * `127.0.0.1` plays the vendor whose host the rules hold back while "analytics" is off.
 *
 * "Nothing reached the server" is asked only after a barrier: a request of the same kind to
 * the same vendor host, sent after the held-back one (the rules let `/barrier-` paths through),
 * has arrived. Had the held-back request been sent, the browser would have issued it first, to
 * the same host on the loopback. HTTP promises no order across connections, but here the first
 * has always come first: each line of the backstop broken on purpose turned these tests red.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {installBackstop, type Backstop, type BackstopRules} from '../../src/browser/backstop.js';

type Page = Window & typeof globalThis;
type BackstopModule = typeof import('../../src/browser/backstop.js');

const RUN = `/__backstop-probe/${crypto.randomUUID()}/`;
const VENDOR = `http://127.0.0.1:${location.port}`;
const OWN = location.origin;
const NATIVE_FETCH = window.fetch;
const NATIVE_REPORT_ERROR = window.reportError;

let sequence = 0;
/** A path of its own for each request, so that a hit names the request that made it. */
const path = (name: string) => `${RUN}${name}-${++sequence}`;

/** The paths of this file that reached the server, once `waitFor` (when given) has arrived. */
const hits = (waitFor?: string) =>
  executeServerCommand<string[], {prefix: string; waitFor?: string}>('probe-hits', {
    prefix: RUN,
    ...(waitFor !== undefined && {waitFor}),
  });

let granted: boolean;
let told: [readonly string[], string][];
let backstops: Backstop[];
let container: HTMLDivElement;

/** Holds back 127.0.0.1 while "analytics" is not granted; every hold is kept in `told`. */
const vendorRules: BackstopRules = {
  blockedBy: (url) =>
    url.hostname === '127.0.0.1' && !granted && !url.pathname.includes('/barrier-')
      ? ['analytics']
      : [],
  onBlocked: (purposeIds, host) => void told.push([purposeIds, host]),
};

/** A backstop that the clean-up stops. */
function install(rules: BackstopRules, win: Page = window, module?: BackstopModule): Backstop {
  const backstop = (module?.installBackstop ?? installBackstop)(win, rules);
  backstops.push(backstop);
  return backstop;
}

/** Records every event of an XHR to `url`; `sent` marks where `send()` returned. */
async function xhrEvents(url: string): Promise<{events: string[]; status: number}> {
  const xhr = new XMLHttpRequest();
  const events: string[] = [];
  for (const type of ['readystatechange', 'loadstart', 'progress', 'load', 'error', 'abort'])
    xhr.addEventListener(type, () => events.push(`${type}:${xhr.readyState}`));
  const ended = new Promise((resolve) => xhr.addEventListener('loadend', resolve));
  xhr.addEventListener('loadend', () => events.push(`loadend:${xhr.readyState}`));
  xhr.open('GET', url);
  xhr.send();
  events.push('sent');
  await ended;
  return {events, status: xhr.status};
}

/** Resolves once the element has loaded or failed to (a 204 is no image). */
const settled = (element: HTMLElement) =>
  new Promise((resolve) => {
    element.addEventListener('load', resolve, {once: true});
    element.addEventListener('error', resolve, {once: true});
  });

/** The first element `selector` finds once `insert` parsed markup into the container. */
function parsed<T extends Element>(
  insert: (markup: string) => void,
  markup: string,
  selector: string,
): T {
  insert(markup);
  // Checked now, without waiting for a microtask: an image's request would start in the next.
  return container.querySelector<T>(selector)!;
}

const byInnerHtml = (markup: string) => (container.innerHTML = markup);
const byOuterHtml = (markup: string) => {
  const placeholder = document.createElement('span');
  container.replaceChildren(placeholder);
  placeholder.outerHTML = markup;
};
const byInsertAdjacentHtml = (markup: string) => {
  container.replaceChildren();
  container.insertAdjacentHTML('beforeend', markup);
};

function element<K extends 'script' | 'img' | 'iframe'>(
  name: K,
  url: string,
  by: 'property' | 'setAttribute',
): HTMLElementTagNameMap[K] {
  const created = document.createElement(name);
  if (by === 'property') created.src = url;
  else created.setAttribute('src', url);
  return created;
}

/** One way a page makes a request: what the page sees when it is held back, and sending it. */
interface Way {
  readonly name: string;
  /** Requests `url`, which the rules hold back, and checks what the page is left with. */
  whenHeld(url: string): Promise<void> | void;
  /** Requests `url`, which no rule holds back; whether it arrived is asked of the server. */
  send(url: string): Promise<void> | void;
}

/** What a promise settled with: its error, or 'sent'. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'sent',
    (error: unknown) => error,
  );

const WAYS: Way[] = [
  ...(
    [
      ['fetch(string)', (url: string) => url],
      ['fetch(URL)', (url: string) => new URL(url)],
      ['fetch(Request)', (url: string) => new Request(url, {method: 'POST', body: 'x'})],
    ] as const
  ).map(([name, input]): Way => ({
    name,
    async whenHeld(url) {
      expect(await outcome(fetch(input(url)))).to.be.an.instanceOf(TypeError);
    },
    async send(url) {
      expect((await fetch(input(url))).status).to.equal(204);
    },
  })),
  {
    name: 'XMLHttpRequest',
    async whenHeld(url) {
      // What a network error gives in both engines (see "fails as a network error"), no request.
      expect(await xhrEvents(url)).to.deep.equal({
        events: [
          'readystatechange:1',
          'loadstart:1',
          'sent',
          'readystatechange:4',
          'error:4',
          'loadend:4',
        ],
        status: 0,
      });
    },
    async send(url) {
      expect((await xhrEvents(url)).status).to.equal(204);
    },
  },
  {
    name: 'XMLHttpRequest, synchronous',
    whenHeld(url) {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url, false);
      expect(() => xhr.send())
        .to.throw(DOMException, /./)
        .with.property('name', 'NetworkError');
      expect([xhr.readyState, xhr.status]).to.deep.equal([4, 0]);
      expect(() => xhr.send(), 'sent again')
        .to.throw(DOMException)
        .with.property('name', 'InvalidStateError');
    },
    send(url) {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url, false);
      xhr.send();
      expect(xhr.status).to.equal(204);
    },
  },
  {
    name: 'navigator.sendBeacon',
    whenHeld(url) {
      expect(navigator.sendBeacon(url, 'left the page')).to.equal(false);
    },
    send(url) {
      expect(navigator.sendBeacon(url, 'left the page')).to.equal(true);
    },
  },
  ...(['script', 'img'] as const).flatMap((name) =>
    (['property', 'setAttribute'] as const).map((by): Way => ({
      name: `<${name}> src by ${by}`,
      whenHeld(url) {
        const created = element(name, url, by);
        container.append(created);
        expect(created.hasAttribute('src')).to.equal(false);
      },
      async send(url) {
        const created = element(name, url, by);
        container.append(created);
        expect(created.getAttribute('src')).to.equal(url);
        await settled(created);
      },
    })),
  ),
  ...(['property', 'setAttribute'] as const).map((by): Way => ({
    name: `<iframe> src by ${by}`,
    whenHeld(url) {
      const frame = element('iframe', url, by);
      container.append(frame);
      expect(frame.getAttribute('src')).to.equal('about:blank');
    },
    send(url) {
      // A 204 does not navigate: no load event, the server says when it arrived.
      container.append(element('iframe', url, by));
    },
  })),
  ...(
    [
      ['innerHTML', byInnerHtml],
      ['outerHTML', byOuterHtml],
      ['insertAdjacentHTML', byInsertAdjacentHtml],
    ] as const
  ).flatMap(([by, insert]): Way[] => [
    {
      name: `<img> by ${by}`,
      whenHeld(url) {
        const image = parsed(insert, `<p><img src="${url}" alt=""></p>`, 'img');
        expect(image.hasAttribute('src')).to.equal(false);
      },
      async send(url) {
        const image = parsed<HTMLImageElement>(insert, `<p><img src="${url}" alt=""></p>`, 'img');
        expect(image.getAttribute('src')).to.equal(url);
        await settled(image);
      },
    },
    {
      name: `<iframe> by ${by}`,
      whenHeld(url) {
        const markup = `<p>Our shop</p><iframe src="${url}" title="map"></iframe>`;
        expect(parsed(insert, markup, 'iframe').getAttribute('src')).to.equal('about:blank');
        expect(container.querySelector('p')!.textContent).to.equal('Our shop');
      },
      send(url) {
        const markup = `<p>Our shop</p><iframe src="${url}" title="map"></iframe>`;
        expect(parsed(insert, markup, 'iframe').getAttribute('src')).to.equal(url);
      },
    },
  ]),
  {
    // Unlike innerHTML's, these scripts run: the request starts when they are inserted.
    name: '<script> from createContextualFragment',
    whenHeld(url) {
      const fragment = document
        .createRange()
        .createContextualFragment(`<script src="${url}"></script>`);
      container.append(fragment);
      expect(container.querySelector('script')!.hasAttribute('src')).to.equal(false);
    },
    async send(url) {
      const fragment = document
        .createRange()
        .createContextualFragment(`<script src="${url}"></script>`);
      const script = fragment.querySelector('script')!;
      container.append(fragment);
      await settled(script);
    },
  },
];

/** The simplest way, for the tests that are about the rules rather than the request. */
const [FETCH] = WAYS;

describe('installBackstop', () => {
  beforeEach(async () => {
    granted = false;
    told = [];
    backstops = [];
    container = document.createElement('div');
    document.body.append(container);
    await executeServerCommand('probe-reset', {prefix: RUN});
  });

  afterEach(() => {
    for (const backstop of backstops) backstop.stop();
    container.remove();
    window.reportError = NATIVE_REPORT_ERROR;
  });

  for (const way of WAYS) {
    describe(way.name, () => {
      it('is held back while its purpose is off, and sent as soon as it is granted', async () => {
        install(vendorRules);
        const held = path('held');
        await way.whenHeld(`${VENDOR}${held}`);
        expect(told).to.deep.equal([[['analytics'], '127.0.0.1']]);

        const barrier = path('barrier');
        await way.send(`${VENDOR}${barrier}`);
        expect(await hits(barrier), 'nothing but the barrier').to.deep.equal([barrier]);

        granted = true;
        await way.send(`${VENDOR}${held}`);
        expect(await hits(held)).to.deep.equal([barrier, held]);
        expect(told).to.have.length(1);
      });

      it('sends what goes to a host no purpose lists', async () => {
        install(vendorRules);
        const own = path('own');
        await way.send(`${OWN}${own}`);
        expect(await hits(own)).to.deep.equal([own]);
        expect(told).to.deep.equal([]);
      });
    });
  }

  it('fails a held-back XHR exactly as a network error fails one', async () => {
    // Port 1 is refused by both browsers before any connection: a network error without traffic.
    const networkError = await xhrEvents('http://127.0.0.1:1/');
    install(vendorRules);
    expect(await xhrEvents(`${VENDOR}${path('held')}`)).to.deep.equal(networkError);
  });

  it('starts afresh when a held-back XHR is opened again', async () => {
    install(vendorRules);
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `${VENDOR}${path('held')}`);
    const failed = new Promise((resolve) => xhr.addEventListener('loadend', resolve, {once: true}));
    xhr.send();
    await failed;
    const sent = path('again');
    xhr.open('GET', `${OWN}${sent}`);
    expect(xhr.readyState).to.equal(XMLHttpRequest.OPENED);
    const loaded = new Promise((resolve) => xhr.addEventListener('loadend', resolve, {once: true}));
    xhr.send();
    await loaded;
    expect([xhr.readyState, xhr.status]).to.deep.equal([XMLHttpRequest.DONE, 204]);
    expect(await hits(sent)).to.deep.equal([sent]);
  });

  it('takes the src away from a <script> parsed by innerHTML, which would never load anyway', async () => {
    install(vendorRules);
    const url = `${VENDOR}${path('held')}`;
    const script = parsed(byInnerHtml, `<script src="${url}"></script>`, 'script');
    expect(script.hasAttribute('src')).to.equal(false);
    expect(told).to.deep.equal([[['analytics'], '127.0.0.1']]);
    granted = true;
    const kept = parsed(byInnerHtml, `<script src="${url}"></script>`, 'script');
    expect(kept.getAttribute('src')).to.equal(url);
    expect(told).to.have.length(1);
  });

  it('leaves markup for another document, which loads nothing, to that document', () => {
    install(vendorRules);
    const xml = new DOMParser().parseFromString(
      '<main xmlns="http://www.w3.org/1999/xhtml"><div/></main>',
      'application/xhtml+xml',
    );
    const target = xml.querySelector('div')!;
    const url = `${VENDOR}${path('elsewhere')}`;
    // Well-formed XML; as HTML serialised back, the <img> would not be.
    target.innerHTML = `<iframe src="${url}"/><img src="${url}" alt=""/>`;
    expect(target.querySelector('iframe')!.getAttribute('src')).to.equal(url);
    expect(told).to.deep.equal([]);
  });

  it('holds back a src set around the wrappers, through an Attr node', async () => {
    install(vendorRules);
    const image = document.createElement('img');
    image.setAttribute('src', `${OWN}${path('first')}`);
    container.append(image);
    await Promise.resolve(); // the observer has seen the insertion: only the change is left
    image.getAttributeNode('src')!.value = `${VENDOR}${path('held')}`;
    await Promise.resolve();
    expect(image.hasAttribute('src')).to.equal(false);
    expect(told).to.deep.equal([[['analytics'], '127.0.0.1']]);
  });

  it('never holds back a URL that is not http(s), or that does not parse', async () => {
    const asked: string[] = [];
    install({
      blockedBy: (url) => (asked.push(url.href), ['analytics']),
      onBlocked: (purposeIds, host) => void told.push([purposeIds, host]),
    });
    const blob = URL.createObjectURL(new Blob(['ok']));
    try {
      expect(await (await fetch(blob)).text()).to.equal('ok');
      expect(await (await fetch('data:,ok')).text()).to.equal('ok');
    } finally {
      URL.revokeObjectURL(blob);
    }
    expect(await outcome(fetch('http://[')), "the browser's own error").to.be.an.instanceOf(
      TypeError,
    );
    const frame = element('iframe', 'about:blank#start', 'property');
    expect(frame.getAttribute('src')).to.equal('about:blank#start');
    expect(asked).to.deep.equal([]);
    expect(told).to.deep.equal([]);
  });

  it('resolves a relative URL against the document base', async () => {
    install(vendorRules);
    const base = document.createElement('base');
    base.href = `${VENDOR}/`;
    document.head.append(base);
    try {
      // Relative to the base, that is the vendor's, not to the page's own address.
      await FETCH.whenHeld(path('held').slice(1));
    } finally {
      base.remove();
    }
    expect(told).to.deep.equal([[['analytics'], '127.0.0.1']]);
  });

  it('lets the request go when a rule throws, and reports the error', async () => {
    const reported: unknown[] = [];
    window.reportError = (error) => void reported.push(error);
    const broken = new Error('a broken rule');
    install({
      blockedBy: () => {
        throw broken;
      },
      onBlocked: (purposeIds, host) => void told.push([purposeIds, host]),
    });
    const sent = path('thrown');
    await FETCH.send(`${VENDOR}${sent}`);
    expect(await hits(sent)).to.deep.equal([sent]);
    expect(reported).to.deep.equal([broken]);
    expect(told).to.deep.equal([]);
  });

  it('still holds the request back when onBlocked throws, and reports the error', async () => {
    const reported: unknown[] = [];
    window.reportError = (error) => void reported.push(error);
    const broken = new Error('a broken listener');
    install({
      blockedBy: vendorRules.blockedBy,
      onBlocked: () => {
        throw broken;
      },
    });
    await FETCH.whenHeld(`${VENDOR}${path('held')}`);
    expect(reported).to.deep.equal([broken]);
  });

  it('wraps once however many copies of the bundle install rules; each copy hears of its holds', async () => {
    const wrapped = () => ({
      fetch: window.fetch,
      sendBeacon: Navigator.prototype.sendBeacon,
      open: XMLHttpRequest.prototype.open,
      send: XMLHttpRequest.prototype.send,
      scriptSrc: Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src')!.set,
      setAttribute: HTMLImageElement.prototype.setAttribute,
      fragment: Range.prototype.createContextualFragment,
    });
    // A module URL of its own makes the browser evaluate a second copy, as a second bundle would.
    const secondCopyUrl = '/src/browser/backstop.ts?second-copy';
    const secondCopy = (await import(secondCopyUrl)) as BackstopModule;
    expect(secondCopy.installBackstop).not.to.equal(installBackstop);

    install(vendorRules);
    const afterFirst = wrapped();
    expect(afterFirst.fetch).not.to.equal(NATIVE_FETCH);
    const toldSecond: [readonly string[], string][] = [];
    const secondRules: BackstopRules = {
      blockedBy: (url) => (url.hostname === '127.0.0.1' && !granted ? ['ads'] : []),
      onBlocked: (purposeIds, host) => void toldSecond.push([purposeIds, host]),
    };
    install(secondRules, window, secondCopy);
    install(vendorRules);
    expect(wrapped()).to.deep.equal(afterFirst);

    await FETCH.whenHeld(`${VENDOR}${path('held')}`);
    expect(told).to.deep.equal([
      [['analytics'], '127.0.0.1'],
      [['analytics'], '127.0.0.1'],
    ]);
    expect(toldSecond).to.deep.equal([[['ads'], '127.0.0.1']]);
  });

  it('holds a request back while any installed rules do', async () => {
    install(vendorRules);
    install({blockedBy: () => [], onBlocked: () => {}});
    await FETCH.whenHeld(`${VENDOR}${path('held')}`);
    expect(told).to.deep.equal([[['analytics'], '127.0.0.1']]);
  });

  it('lets every request through once stopped, while other installs keep theirs', async () => {
    const stopped = install(vendorRules);
    const toldKept: [readonly string[], string][] = [];
    const kept = install({
      blockedBy: vendorRules.blockedBy,
      onBlocked: (purposeIds, host) => void toldKept.push([purposeIds, host]),
    });
    stopped.stop();
    await FETCH.whenHeld(`${VENDOR}${path('held')}`);
    expect(toldKept).to.have.length(1);
    kept.stop();

    for (const way of WAYS) {
      const sent = path('stopped');
      await way.send(`${VENDOR}${sent}`);
      expect(await hits(sent), way.name).to.include(sent);
    }
    expect(told).to.deep.equal([]);
  });

  describe('under Trusted Types', () => {
    let frame: HTMLIFrameElement;
    afterEach(() => frame.remove());

    /** A page that requires Trusted Types, with a policy that lets anything through. */
    async function trustedTypesPage(): Promise<
      {page: Page; policy: TrustedTypePolicy} | undefined
    > {
      frame = document.createElement('iframe');
      frame.srcdoc = `<meta http-equiv="Content-Security-Policy"
        content="require-trusted-types-for 'script'; trusted-types probe">`;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
      document.body.append(frame);
      await loaded;
      const page = frame.contentWindow as Page & {trustedTypes?: TrustedTypes};
      const pass = (input: string) => input;
      const policy = page.trustedTypes?.createPolicy('probe', {
        createScriptURL: pass,
        createHTML: pass,
      });
      return policy && {page, policy};
    }

    it('passes a TrustedScriptURL on as it is, and holds one back too', async function () {
      const {page, policy} = (await trustedTypesPage()) ?? this.skip();
      install(vendorRules, page);
      const held = `${VENDOR}${path('held')}`;
      const allowed = [path('trusted'), path('trusted')];
      const [heldScript, byProperty, byAttribute, plain] = [1, 2, 3, 4].map(() =>
        page.document.createElement('script'),
      );

      heldScript.src = policy.createScriptURL(held) as unknown as string;
      expect(heldScript.hasAttribute('src')).to.equal(false);
      expect(told).to.deep.equal([[['analytics'], '127.0.0.1']]);

      granted = true;
      const [first, second] = allowed.map((each) => policy.createScriptURL(`${VENDOR}${each}`));
      byProperty.src = first as unknown as string;
      byAttribute.setAttribute('src', second as unknown as string);
      page.document.body.append(byProperty, byAttribute);
      await hits(allowed[0]);
      expect(await hits(allowed[1])).to.have.members(allowed);

      expect(() => (plain.src = `${OWN}${path('own')}`), 'Trusted Types still refuse a string')
        .to.throw()
        .with.property('name', 'TypeError');
      expect(plain.hasAttribute('src')).to.equal(false);
    });

    it('passes TrustedHTML on as it is, and checks what it parsed', async function () {
      const {page, policy} = (await trustedTypesPage()) ?? this.skip();
      install(vendorRules, page);
      const host = page.document.createElement('div');
      page.document.body.append(host);
      const markup = `<img src="${VENDOR}${path('held')}" alt=""><iframe src="${VENDOR}${path('held')}"></iframe>`;

      host.innerHTML = policy.createHTML(markup) as unknown as string;
      expect(host.querySelector('img')!.hasAttribute('src')).to.equal(false);
      // Not parsed ahead as a string would be: the frame started navigating before this.
      expect(host.querySelector('iframe')!.getAttribute('src')).to.equal('about:blank');
      expect(told).to.have.length(2);

      expect(() => (host.innerHTML = markup), 'Trusted Types still refuse a string')
        .to.throw()
        .with.property('name', 'TypeError');
    });
  });
});

/** Trusted Types are not in TypeScript's DOM types yet; this is the part the test uses. */
interface TrustedTypePolicy {
  createScriptURL(input: string): object;
  createHTML(input: string): object;
}
interface TrustedTypes {
  createPolicy(
    name: string,
    rules: {createScriptURL(input: string): string; createHTML(input: string): string},
  ): TrustedTypePolicy;
}
