// Fails CI when the built bundle outgrows its budget. Budgets are gzip bytes of dist/.
import {formatRow, measure, measureBundle} from './bundle-size.mjs';

// The Consent Mode defaults script blocks the site's <head>, so it gets a budget of its own.
// main: 26.3 KB gzip with the shared IndexedDB state, the protocol validator, the banner and the
// dialog all in the one entry; the bundle split (a small runtime entry, the interface loaded on
// demand: issue 8) brings every page's cost down again.
const BUDGET = {main: 27_000, locale: 3_000, consentDefaults: 1_024};
const CONSENT_DEFAULTS = 'consent-defaults.js';

const {main, locales} = measureBundle();
const over = [];
console.log(formatRow(main));
if (main.gzip > BUDGET.main) over.push(`${main.file}: ${main.gzip} B gzip > ${BUDGET.main} B`);
for (const locale of locales) {
  console.log(formatRow(locale));
  if (locale.gzip > BUDGET.locale)
    over.push(`${locale.file}: ${locale.gzip} B gzip > ${BUDGET.locale} B`);
}
const consentDefaults = measure(CONSENT_DEFAULTS);
console.log(formatRow(consentDefaults));
if (consentDefaults.gzip >= BUDGET.consentDefaults)
  over.push(
    `${consentDefaults.file}: ${consentDefaults.gzip} B gzip ≥ ${BUDGET.consentDefaults} B`,
  );
if (over.length > 0) {
  console.error(`Size budget exceeded:\n${over.join('\n')}`);
  process.exit(1);
}
console.log(
  `Size budget holds: main ≤ ${BUDGET.main} B gzip, each locale ≤ ${BUDGET.locale} B gzip, ` +
    `${CONSENT_DEFAULTS} < ${BUDGET.consentDefaults} B gzip.`,
);
