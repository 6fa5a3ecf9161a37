// Fails CI when the built bundle outgrows its budget. Budgets are gzip bytes of dist/.
import {formatRow, measureBundle} from './bundle-size.mjs';

const BUDGET = {main: 18_000, locale: 3_000};

const {main, locales} = measureBundle();
const over = [];
console.log(formatRow(main));
if (main.gzip > BUDGET.main) over.push(`${main.file}: ${main.gzip} B gzip > ${BUDGET.main} B`);
for (const locale of locales) {
  console.log(formatRow(locale));
  if (locale.gzip > BUDGET.locale)
    over.push(`${locale.file}: ${locale.gzip} B gzip > ${BUDGET.locale} B`);
}
if (over.length > 0) {
  console.error(`Size budget exceeded:\n${over.join('\n')}`);
  process.exit(1);
}
console.log(
  `Size budget holds: main ≤ ${BUDGET.main} B gzip, each locale ≤ ${BUDGET.locale} B gzip.`,
);
