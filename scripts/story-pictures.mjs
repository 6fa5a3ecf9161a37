// Renders every story of the built Storybook (storybook-static/) to a PNG in pictures/ (git-
// ignored), with Debian's headless Chromium: a change can be looked at before and after.
// `npm run pictures` builds what it needs first; `node scripts/story-pictures.mjs [filter]`
// renders only the stories whose id contains `filter`.
import {createReadStream, existsSync, mkdirSync, readFileSync, statSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import chromium from './chromium.json' with {type: 'json'};

const ROOT = path.resolve('storybook-static');
const OUT = path.resolve('pictures');
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

if (!existsSync(path.join(ROOT, 'index.json'))) {
  console.error('No built Storybook: run `npm run build-storybook` first (or `npm run pictures`).');
  process.exit(1);
}
const filter = process.argv[2] ?? '';
const stories = Object.values(
  JSON.parse(readFileSync(path.join(ROOT, 'index.json'), 'utf8')).entries,
)
  .filter((entry) => entry.type === 'story' && entry.id.includes(filter))
  .map((entry) => entry.id);

// The built Storybook, served from its folder only.
const server = http.createServer((request, response) => {
  const file = path.join(ROOT, decodeURIComponent(new URL(request.url, 'http://x').pathname));
  if (!file.startsWith(ROOT + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || chromium.executablePath,
  headless: true,
  args: chromium.args,
});
mkdirSync(OUT, {recursive: true});
const started = Date.now();
let failed = 0;
for (const id of stories) {
  const page = await browser.newPage();
  await page.setViewport({width: id.endsWith('narrow-320') ? 360 : 900, height: 900});
  try {
    await page.goto(`${origin}/iframe.html?id=${id}&viewMode=story`, {waitUntil: 'networkidle0'});
    // The story's play function (a decision, an open dialog) has run once the page is quiet.
    await page.waitForFunction(
      () => document.querySelector('privacy-preferences')?.shadowRoot?.childElementCount,
      {timeout: 10_000},
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    await page.screenshot({path: path.join(OUT, `${id}.png`), fullPage: true});
    console.log(`pictures/${id}.png`);
  } catch (error) {
    failed++;
    console.error(`${id}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await page.close();
  }
}
await browser.close();
server.close();
console.log(
  `${stories.length - failed} of ${stories.length} stories pictured in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed > 0 ? 1 : 0);
