/**
 * What a withdrawn purpose's tags left in this browser is removed: cookies at `/` and at the
 * page's path, `localStorage` and `sessionStorage` keys — never the element's own keys, never
 * what a granted purpose lists too.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {removeWithdrawn} from '../../src/browser/withdrawal.js';
import type {Choices} from '../../src/core/consent.js';
import {purpose} from '../fixtures/purpose.js';

const purposes = [
  purpose('essential', {required: true, cookies: ['session_id']}),
  purpose('analytics', {cookies: ['_ga', '_ga_*', 'session*'], storage: ['amplitude_*']}),
];
const ON: Choices = {essential: 'granted', analytics: 'granted'};
const OFF: Choices = {essential: 'granted', analytics: 'denied'};

/** A page at `/…/products/tent.html`, with `removeWithdrawn` of its own. */
async function productPage(): Promise<{
  page: Document;
  remove: typeof removeWithdrawn;
  close(): void;
}> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./withdrawal-fixtures/products/tent.html', import.meta.url).href;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  document.body.append(frame);
  await loaded;
  const view = frame.contentWindow as Window & {removeWithdrawn?: typeof removeWithdrawn};
  await waitUntil(() => view.removeWithdrawn, 'the module never loaded in the page');
  return {page: frame.contentDocument!, remove: view.removeWithdrawn!, close: () => frame.remove()};
}

const namesIn = (page: Document) =>
  page.cookie
    .split(';')
    .map((cookie) => cookie.split('=')[0]!.trim())
    .filter(Boolean)
    .sort();

describe('removeWithdrawn', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('removes the cookies of a purpose that is off, at / and at the page path; keeps the rest', async () => {
    const {page, remove, close} = await productPage();
    const directory = new URL('.', page.URL).pathname.replace(/\/$/, '');
    page.cookie = '_ga=GA1.1; path=/';
    page.cookie = `_ga_X1=GS1; path=${directory}`;
    page.cookie = 'session_id=abc; path=/';
    page.cookie = 'session_x=1; path=/';
    page.cookie = 'theme=dark; path=/';
    expect(namesIn(page)).to.deep.equal(['_ga', '_ga_X1', 'session_id', 'session_x', 'theme']);

    expect(remove(purposes, ON)).to.deep.equal([]);
    expect(namesIn(page), 'nothing while it is on').to.have.length(5);
    const removed = remove(purposes, OFF).sort((a, b) => a.name.localeCompare(b.name));
    expect(removed, 'what it says it removed').to.deep.equal([
      {name: '_ga', purposeIds: ['analytics']},
      {name: '_ga_X1', purposeIds: ['analytics']},
      {name: 'session_x', purposeIds: ['analytics']},
    ]);
    expect(namesIn(page)).to.deep.equal(['session_id', 'theme']);

    for (const name of namesIn(page)) page.cookie = `${name}=; max-age=0; path=/`;
    close();
  });

  it('does not report a cookie it could not reach (set for a path between / and the page’s)', async () => {
    const {page, remove, close} = await productPage();
    const between = new URL('.', page.URL).pathname.split('/').slice(0, 2).join('/');
    page.cookie = `_ga_between=1; path=${between}`;
    page.cookie = '_ga=1; path=/';
    expect(remove(purposes, OFF)).to.deep.equal([{name: '_ga', purposeIds: ['analytics']}]);
    expect(namesIn(page)).to.deep.equal(['_ga_between']);
    page.cookie = `_ga_between=; max-age=0; path=${between}`;
    close();
  });

  it('removes its localStorage and sessionStorage keys, never the element’s own', () => {
    localStorage.setItem('amplitude_id', '1');
    localStorage.setItem('amplitude_unsent', '[]');
    localStorage.setItem('privacy-preferences:decision', '{}');
    localStorage.setItem('basket', '3');
    sessionStorage.setItem('amplitude_session', '1');
    const removed = removeWithdrawn(
      [...purposes, purpose('greedy', {storage: ['privacy*', 'basket']})],
      {...OFF, greedy: 'granted'},
    );
    expect(removed.map(({name}) => name).sort()).to.deep.equal([
      'amplitude_id',
      'amplitude_session',
      'amplitude_unsent',
    ]);
    expect(Object.keys(localStorage).sort()).to.deep.equal([
      'basket',
      'privacy-preferences:decision',
    ]);
    expect(Object.keys(sessionStorage)).to.deep.equal([]);

    expect(
      removeWithdrawn([purpose('greedy', {storage: ['privacy*']})], {greedy: 'denied'}),
      'the element’s own keys are never reported',
    ).to.deep.equal([]);
    expect(Object.keys(localStorage).sort()).to.include('privacy-preferences:decision');
  });

  it('does nothing, and reads nothing, when no purpose lists cookies or storage', () => {
    document.cookie = '_ga=1; path=/';
    expect(removeWithdrawn([purpose('analytics')], {analytics: 'denied'})).to.deep.equal([]);
    expect(namesIn(document)).to.deep.equal(['_ga']);
    document.cookie = '_ga=; max-age=0; path=/';
  });
});
