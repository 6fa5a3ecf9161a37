// The page side of `npm run bench:backstop` (bundled by scripts/bench-backstop.mjs): the real
// configuration reader and host rules under the backstop, and the timing loop.
import {installBackstop} from '../../src/browser/backstop.ts';
import {parseConfig} from '../../src/core/config.ts';
import {blockingPurposes} from '../../src/core/hosts.ts';

/** 20 purposes of 5 recipients, each with a `*.` pattern and an exact host; `held` listed last. */
function benchConfig(held) {
  const result = parseConfig({
    policyVersion: 'bench',
    purposes: Array.from({length: 20}, (_, purpose) => ({
      id: `purpose-${purpose}`,
      title: `Purpose ${purpose}`,
      description: 'Which pages you visit and how long pages take to load.',
      benefit: 'We find and fix slow or confusing pages sooner.',
      recipients: Array.from({length: 5}, (_, recipient) => {
        const domain = `vendor-${purpose}-${recipient}.example`;
        const hosts = [`*.${domain}`, `tags.cdn-${purpose}-${recipient}.example`];
        return {
          name: `Vendor ${purpose}-${recipient}`,
          hosts: purpose === 19 ? [...hosts, held] : hosts,
        };
      }),
    })),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/**
 * Times `perBatch` synchronous calls of each variant per round, the variants in turn (so that
 * drift in the machine touches all alike), each batch settled before the next starts. Returns
 * µs per call, one figure per batch, after `warmup` rounds; then `requests` rounds of real
 * requests, for scale.
 */
window.measureBackstop = async ({rounds, warmup, perBatch, requests, ownUrl, heldUrl}) => {
  const {purposes} = benchConfig(new URL(heldUrl).hostname);
  const choices = Object.fromEntries(purposes.map(({id}) => [id, 'denied']));
  const nativeFetch = window.fetch;
  let heldBack = 0;
  // Off for one variant: what the backstop costs by itself, with rules that cost nothing.
  let isDeciding = true;
  installBackstop(window, {
    blockedBy: (url) => (isDeciding ? blockingPurposes(purposes, choices, url.hostname) : []),
    onBlocked: () => void heldBack++,
  });
  // Already aborted: the browser builds the request (URL, init) and rejects it, no network.
  const signal = AbortSignal.abort();
  const time = async (variants, count, warmupRounds) => {
    const names = Object.keys(variants);
    const times = Object.fromEntries(names.map((name) => [name, []]));
    const pending = new Array(perBatch);
    for (let round = 0; round < warmupRounds + count; round++) {
      for (let turn = 0; turn < names.length; turn++) {
        const name = names[(round + turn) % names.length];
        const call = variants[name];
        const start = performance.now();
        for (let index = 0; index < perBatch; index++) pending[index] = call();
        const elapsed = performance.now() - start;
        if (round >= warmupRounds) times[name].push((elapsed * 1000) / perBatch);
        await Promise.allSettled(pending);
      }
    }
    return times;
  };
  const calls = await time(
    {
      'native fetch, host not listed': () => nativeFetch(ownUrl, {signal}),
      'wrapped fetch, host not listed': () => window.fetch(ownUrl, {signal}),
      'wrapped fetch, rules decide nothing': () => {
        isDeciding = false;
        const promise = window.fetch(ownUrl, {signal});
        isDeciding = true;
        return promise;
      },
      'wrapped fetch, host held back': () => window.fetch(heldUrl, {signal}),
    },
    rounds,
    warmup,
  );
  const held = heldBack;
  const realRequests = await time(
    {
      'native fetch, real request': () => nativeFetch(ownUrl),
      'wrapped fetch, real request': () => window.fetch(ownUrl),
    },
    requests,
    1,
  );
  return {calls, realRequests, heldBack: held, crossOriginIsolated: window.crossOriginIsolated};
};
