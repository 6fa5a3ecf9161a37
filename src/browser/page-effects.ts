/**
 * Makes the choices take effect in the host page: gated scripts run once their purposes are
 * granted, Google's tags are told through Consent Mode (and the next page's defaults script
 * can read the state before any tag loads), what the purposes that are off left in the browser
 * is removed — on the first apply of a load and on every change — and requests to the hosts
 * only they list are held back. What it did is kept in the page's activity log.
 */
import {activityLog, type Activity, type PageActivity} from '../core/activity.js';
import type {PrivacyConfig} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {consentModeState, integrationState} from '../core/consent-mode.js';
import {rememberConsentMode, updateConsentMode} from './consent-mode.js';
import {MODULE_GRAPH, importPath} from './module-graph.js';
import {addsMatch, gateScripts} from './gating.js';
import type {Backstop} from './backstop.js';
import type {Embeds} from './embeds.js';
import type {KeyValueStore} from './storage.js';

export interface PageEffects {
  apply(choices: Choices): void;
  /** Of these purposes, those whose scripts already ran here: switching off cannot unload them. */
  alreadyRunning(purposeIds: readonly string[]): string[];
  /** What this page did under each purpose. */
  activity(): Activity;
  /** What this page did under one purpose, with the count of requests held back. */
  activityOf(purposeId: string): PageActivity | undefined;
  stop(): void;
}

export interface PageEffectsOptions {
  readonly store: KeyValueStore;
  /** The consent endpoint's and the configuration's URLs: never held back, nor our modules. */
  readonly ownUrls: readonly (string | undefined)[];
  /** The activity log gained something (the center shows it). */
  onActivity(): void;
  /** "Allow …" on an embed's placeholder: the element records it as the customer's decision. */
  allow(purposeIds: readonly string[]): void;
  /** For the placeholders: the customer's languages, most wanted first, and the theme. */
  preferredLocales(): readonly string[];
  theme(): string;
}

const EMBED = 'iframe[data-purpose][data-src]';

export function startPageEffects(
  config: PrivacyConfig,
  {store, ownUrls, onActivity, allow, preferredLocales, theme}: PageEffectsOptions,
): PageEffects {
  const {purposes} = config;
  const log = activityLog(
    purposes.map(({id}) => id),
    onActivity,
  );
  const gate = gateScripts(document, (ids, host) => log.note(ids, 'ran', host));
  let current: Choices = {};
  let isStopped = false;
  /**
   * Loaded once a purpose whose recipients list hosts is off (a site whose recipients list none,
   * or a customer who allowed them all, never loads it); it holds from then on.
   */
  let backstop: Promise<Backstop | undefined> | undefined;
  const holdBackHostsOnce = () =>
    (backstop ??= importPath(MODULE_GRAPH.backstop, () => import('./held-hosts.js'))
      .then(({holdBackHosts}) =>
        isStopped
          ? undefined
          : holdBackHosts(
              purposes,
              () => current,
              ownUrls,
              (ids, host) => log.note(ids, 'blocked', host),
            ),
      )
      .catch((error: unknown) => void reportError(error)));
  /** Loaded on the first need: when something a purpose that is off lists may be in the browser. */
  let withdrawal: Promise<typeof import('./withdrawal.js')> | undefined;
  /** The placeholders, loaded once the page has an embed (now, or when it adds one). */
  let embeds: Promise<Embeds | undefined> | undefined;
  const startEmbedsOnce = () =>
    (embeds ??= importPath(MODULE_GRAPH.embeds, () => import('./embeds.js'))
      .then(async ({startEmbedsInLanguage}) => {
        const started = await startEmbedsInLanguage(document, {
          purposes,
          preferredLocales,
          theme: theme(),
          allow,
          onLoaded: (ids, host) => log.note(ids, 'ran', host),
        });
        if (isStopped) {
          started.stop();
          return undefined;
        }
        started.update(current);
        return started;
      })
      .catch((error: unknown) => void reportError(error)));
  // Only what each mutation added is looked at: a busy page is not searched whole each time.
  const embedWatch = new MutationObserver((records) => {
    if (!records.some((record) => addsMatch(record, EMBED))) return;
    embedWatch.disconnect();
    void startEmbedsOnce();
  });
  if (document.querySelector(EMBED)) void startEmbedsOnce();
  else embedWatch.observe(document, {childList: true, subtree: true});
  return {
    apply(choices) {
      current = choices;
      // Written out, not core/hosts.js's: importing that module here would put all of it in the entry.
      if (
        purposes.some(
          ({id, recipients}) => choices[id] !== 'granted' && recipients.some(({hosts}) => hosts),
        )
      )
        void holdBackHostsOnce();
      const state = consentModeState(purposes, choices);
      updateConsentMode(state, integrationState(purposes, choices));
      rememberConsentMode(store, state);
      if (leftBehind(purposes, choices))
        // The choices in force when it runs: a purpose turned on again meanwhile keeps its own.
        (withdrawal ??= import('./withdrawal.js'))
          .then(({removeWithdrawn}) => {
            for (const {name, purposeIds} of removeWithdrawn(purposes, current))
              log.note(purposeIds, 'removed', name);
          })
          .catch(reportError);
      void gate.update(choices);
      void embeds?.then((started) => started?.update(choices));
    },
    alreadyRunning: (purposeIds) => purposeIds.filter((id) => gate.activatedPurposes.has(id)),
    activity: () => log.snapshot(),
    activityOf: (purposeId) => log.of(purposeId),
    stop() {
      isStopped = true;
      gate.stop();
      embedWatch.disconnect();
      void embeds?.then((started) => started?.stop());
      void backstop?.then((installed) => installed?.stop());
    },
  };
}

/**
 * Whether a name that a purpose which is off lists may be in this browser: each name (or
 * prefix) looked for anywhere in the cookies and storage keys. It may be found in a value, which
 * only loads the removal for nothing; it is never missed. A page with nothing to remove loads
 * nothing more.
 */
function leftBehind(purposes: PrivacyConfig['purposes'], choices: Choices): boolean {
  const listed = purposes.flatMap(({id, cookies = [], storage = []}) =>
    choices[id] === 'granted' ? [] : [...cookies, ...storage],
  );
  if (listed.length === 0) return false;
  let traces = document.cookie;
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      traces += Object.keys(window[area]).join('\n');
    } catch {
      // Storage blocked: nothing kept there.
    }
  }
  return listed.some((name) => traces.includes(name.replace(/\*$/, '')));
}
