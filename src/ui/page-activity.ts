import {html, nothing, type TemplateResult} from 'lit/html.js';
import {msg, str} from '@lit/localize';
import type {PageActivity} from '../core/activity.js';
import {formatNumber, pluralCategory} from '../core/locale.js';
import {listNode, SLOT, spliced} from './text-parts.js';

/**
 * "On this page", under a purpose: in plain words, what this page ran for it, what it held
 * back while the purpose was off, and what it removed when it was turned off. Nothing when
 * nothing happened. Hosts and names are not words of any language: they are shown as they are.
 */
export function renderPageActivity(
  activity: PageActivity | undefined,
  locale: string,
): TemplateResult | typeof nothing {
  if (!activity) return nothing;
  const {ran, blocked, removed, blockedCount} = activity;
  if (ran.length + blocked.length + removed.length === 0) return nothing;
  const names = (items: readonly string[]) =>
    listNode(
      items.map((value) => ({value, lang: undefined})),
      locale,
    );
  return html`<div class="activity" part="activity">
    <p class="activity-heading"><strong>${msg('On this page')}</strong></p>
    <ul>
      ${ran.length > 0 ? html`<li>${spliced(msg(str`Ran from: ${SLOT}.`), names(ran))}</li>` : nothing}
      ${
        blocked.length > 0
          ? html`<li>${spliced(heldBack(blockedCount, locale), names(blocked))}</li>`
          : nothing
      }
      ${
        removed.length > 0
          ? html`<li>${spliced(msg(str`Removed because it is off: ${SLOT}.`), names(removed))}</li>`
          : nothing
      }
    </ul>
  </div>`;
}

/** "3 requests held back while it was off, to {hosts}.", in each CLDR plural category. */
function heldBack(count: number, locale: string): string {
  const n = formatNumber(count, locale);
  switch (pluralCategory(count, locale)) {
    case 'zero':
      return msg(str`${n} requests held back while it was off, to: ${SLOT}.`, {
        id: 'held-back.zero',
      });
    case 'one':
      return msg(str`${n} request held back while it was off, to: ${SLOT}.`, {
        id: 'held-back.one',
      });
    case 'two':
      return msg(str`${n} requests held back while it was off, to: ${SLOT}.`, {
        id: 'held-back.two',
      });
    case 'few':
      return msg(str`${n} requests held back while it was off, to: ${SLOT}.`, {
        id: 'held-back.few',
      });
    case 'many':
      return msg(str`${n} requests held back while it was off, to: ${SLOT}.`, {
        id: 'held-back.many',
      });
    default:
      return msg(str`${n} requests held back while it was off, to: ${SLOT}.`, {
        id: 'held-back.other',
      });
  }
}
