/**
 * Two real tabs of the demo shop's account page (separate pages of one browser profile, the
 * built bundle, the reference endpoint with a real SQLite file) changing choices at the same
 * moment, round after round. What must hold is what the customer and the site's backend see:
 * every decision each tab made is stored by the endpoint, each tab hears its own records saved,
 * and the endpoint's current record carries the latest decision on each purpose, whichever tab
 * made it. RACE_ROUNDS sets the number of rounds (200 by default).
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'puppeteer-core';
import type {ConsentReceipt, ConsentRecord} from '../../src/index.js';
import {ACCOUNT_PAGE, startDemo, type Demo} from './demo-server.js';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 200);

interface Watched {
  readonly page: Page;
  /** Uncaught errors and console errors. */
  readonly problems: string[];
}

describe('two tabs of the account page deciding at the same moment', () => {
  let demo: Demo;

  before(async () => {
    demo = await startDemo();
  });

  after(() => demo?.stop());

  async function openTab(): Promise<Watched> {
    const page = await demo.browser.defaultBrowserContext().newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.evaluateOnNewDocument(() => {
      const saved: ConsentRecord[] = [];
      Object.assign(window, {savedRecords: saved});
      document.addEventListener('consent-saved', (event) =>
        saved.push((event as CustomEvent<{record: ConsentRecord}>).detail.record),
      );
    });
    await page.goto(`${demo.origin}${ACCOUNT_PAGE}`);
    await page.waitForFunction(() =>
      document.querySelector('privacy-preferences')?.shadowRoot?.querySelector('[role="switch"]'),
    );
    return {page, problems};
  }

  /** Clicks the switch of a purpose, as the customer does. */
  function toggle({page}: Watched, purposeId: string): Promise<void> {
    return page.evaluate((id) => {
      const root = document.querySelector('privacy-preferences')!.shadowRoot!;
      root.querySelector<HTMLElement>(`[data-purpose="${id}"] [role="switch"]`)!.click();
    }, purposeId);
  }

  function savedRecords({page}: Watched): Promise<ConsentRecord[]> {
    return page.evaluate(() => (window as unknown as {savedRecords: ConsentRecord[]}).savedRecords);
  }

  function subjectOf({page}: Watched): Promise<string> {
    return page.evaluate(() => localStorage.getItem('privacy-preferences:subject')!);
  }

  async function history(subject: string): Promise<ConsentReceipt[]> {
    const response = await fetch(
      `${demo.origin}/api/consent/history?limit=500&subject=${encodeURIComponent(subject)}`,
    );
    return ((await response.json()) as {records: ConsentReceipt[]}).records;
  }

  it(`loses no record over ${ROUNDS} rounds, and merges per purpose`, async () => {
    const a = await openTab();
    const b = await openTab();
    const subject = await subjectOf(a);
    assert.equal(await subjectOf(b), subject);
    let lostRounds = 0;
    const started = Date.now();
    for (let round = 1; round <= ROUNDS; round++) {
      // The same moment: tab A switches analytics, tab B ads (each its own process).
      await Promise.all([toggle(a, 'analytics'), toggle(b, 'ads')]);
      const expected = round % 2 === 1 ? 'granted' : 'denied';
      await Promise.all(
        [a, b].map(({page}) =>
          page.waitForFunction(
            (n) => (window as unknown as {savedRecords: unknown[]}).savedRecords.length >= n,
            // Polled: a tab in the background gets no animation frames.
            {timeout: 10_000, polling: 50},
            round,
          ),
        ),
      );
      const [current] = await history(subject);
      if (current?.record.choices.analytics !== expected || current.record.choices.ads !== expected)
        lostRounds++;
    }
    const elapsed = Date.now() - started;

    // Each decision was heard of as saved exactly once, in its own tab…
    const [savedInA, savedInB] = await Promise.all([savedRecords(a), savedRecords(b)]);
    assert.equal(savedInA.length, ROUNDS);
    assert.equal(savedInB.length, ROUNDS);
    // …and what the tabs were told is saved is what the endpoint stored.
    const storedIds = new Set((await history(subject)).map((entry) => entry.record.recordId));
    const lost = [...savedInA, ...savedInB].filter((record) => !storedIds.has(record.recordId));
    console.log(
      `two tabs racing: ${ROUNDS} rounds, ${storedIds.size} records stored, records lost: ${lost.length}, rounds where the current record missed a decision: ${lostRounds}, ${Math.round(elapsed / ROUNDS)} ms per round`,
    );
    assert.deepEqual(lost, []);
    assert.equal(lostRounds, 0);
    for (const tab of [a, b]) {
      const choices = await tab.page.evaluate(
        () => document.querySelector('privacy-preferences')!.choices,
      );
      const final = ROUNDS % 2 === 1 ? 'granted' : 'denied';
      assert.equal(choices.analytics, final);
      assert.equal(choices.ads, final);
      assert.deepEqual(tab.problems, []);
    }
  });
});
