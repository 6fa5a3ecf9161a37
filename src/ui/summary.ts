import {msg, str} from '@lit/localize';
import {formatNumber, pluralCategory} from '../core/locale.js';

/**
 * "You have switched on 2 of 5 optional uses." One message per CLDR plural category of the
 * total (the English source has only "one" and "other"; Arabic, Polish and others need more),
 * picked with `Intl.PluralRules` in the interface's language.
 */
export function optionalSummary(on: number, total: number, locale: string): string {
  const [count, of] = [on, total].map((value) => formatNumber(value, locale));
  switch (pluralCategory(total, locale)) {
    case 'zero':
      return msg(str`You have switched on ${count} of ${of} optional uses.`, {id: 'summary.zero'});
    case 'one':
      return msg(str`You have switched on ${count} of ${of} optional use.`, {id: 'summary.one'});
    case 'two':
      return msg(str`You have switched on ${count} of ${of} optional uses.`, {id: 'summary.two'});
    case 'few':
      return msg(str`You have switched on ${count} of ${of} optional uses.`, {id: 'summary.few'});
    case 'many':
      return msg(str`You have switched on ${count} of ${of} optional uses.`, {id: 'summary.many'});
    default:
      return msg(str`You have switched on ${count} of ${of} optional uses.`, {id: 'summary.other'});
  }
}
