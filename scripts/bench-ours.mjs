// `npm run bench:ours`: figures of our element alone — time to render 200 purposes, and the
// latency from a switch's click to the POST of its record — in headless Chromium (no CPU
// slowdown) on the benchmark site of 127.0.0.1. BENCH_RUNS (default 21) runs of each.
import {launch} from './bench/browser.mjs';
import {serve} from './bench/site.mjs';
import {positiveInteger, range} from './bench/stats.mjs';

const RUNS = positiveInteger('BENCH_RUNS', 21);
const PURPOSES = 200;

const server = await serve();
const browser = await launch();
try {
  console.log(`${await browser.version()} headless, CPU not slowed down`);
  const page = await browser.newPage();
  await page.goto(`${server.origin}/entry.html`);
  await page.waitForFunction(() => customElements.get('privacy-preferences'));

  const renders = await page.evaluate(measureRenders, PURPOSES, RUNS);
  console.log(`Render ${PURPOSES} purposes (${RUNS - 1} runs after a warm-up)`);
  console.log(`  median (min–max) ${range(renders, 1, ' ms')}`);

  const latencies = await page.evaluate(measureToggleToRequest, RUNS);
  console.log(`Toggle to request (click → POST leaves the page, ${latencies.length} toggles)`);
  console.log(`  median (min–max) ${range(latencies, 2, ' ms')}`);
} finally {
  await browser.close();
  await server.close();
}

/** Runs in the page: time from inserting a 200-purpose center to its laid-out first render. */
async function measureRenders(count, runs) {
  const config = {
    policyVersion: 'bench',
    purposes: Array.from({length: count}, (_, index) => ({
      id: `purpose-${index}`,
      title: `Purpose number ${index}`,
      description: 'Which pages you visit and how long pages take to load.',
      benefit: 'We find and fix slow or confusing pages sooner.',
      data: ['Pages visited', 'Device type'],
      recipients: [{name: 'Example Analytics Inc.', url: 'https://analytics.example/privacy'}],
      retention: '13 months',
    })),
  };
  const times = [];
  for (let run = 0; run < runs; run++) {
    localStorage.clear();
    const el = document.createElement('privacy-preferences');
    el.locale = 'en';
    el.config = config;
    const ready = new Promise((resolve) =>
      el.addEventListener('consent-ready', resolve, {once: true}),
    );
    const start = performance.now();
    document.body.append(el);
    await ready;
    await el.updateComplete;
    void el.shadowRoot.querySelector('section').offsetHeight; // force style and layout
    const elapsed = performance.now() - start;
    if (run > 0) times.push(elapsed);
    el.remove();
  }
  return times;
}

/** Runs in the page: time from a switch click to the POST's start in resource timing. */
async function measureToggleToRequest(runs) {
  localStorage.clear();
  const el = document.createElement('privacy-preferences');
  el.locale = 'en';
  el.endpoint = '/api/consent';
  el.config = {
    policyVersion: 'bench',
    purposes: [{id: 'analytics', title: 'Usage analytics', description: 'd', benefit: 'b'}],
  };
  const ready = new Promise((resolve) =>
    el.addEventListener('consent-ready', resolve, {once: true}),
  );
  document.body.append(el);
  await ready;
  await el.updateComplete;
  const toggle = el.shadowRoot.querySelector('[role="switch"]');
  const latencies = [];
  for (let run = 0; run < runs; run++) {
    performance.clearResourceTimings();
    const saved = new Promise((resolve) =>
      el.addEventListener('consent-saved', resolve, {once: true}),
    );
    const clickedAt = performance.now();
    toggle.click();
    await saved;
    const post = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('/api/consent') && entry.startTime >= clickedAt);
    if (post) latencies.push(post.startTime - clickedAt);
  }
  el.remove();
  return latencies;
}
