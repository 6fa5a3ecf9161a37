import {html, nothing, type TemplateResult} from 'lit/html.js';
import {msg, str} from '@lit/localize';
import {intl, type TextPart} from '../core/locale.js';
import {timeOf} from '../core/patterns.js';
import type {SaveStatus} from '../core/save-status.js';
import type {SessionStatus} from '../core/session-status.js';
import {listNode, SLOT, spliced} from './text-parts.js';
import {unsavedText} from './unsaved.js';

export interface StatusLineOptions {
  readonly status: SessionStatus;
  /** The interface's language: dates and lists are written in it. */
  readonly locale: string;
  readonly onRetry: () => void;
  readonly onDownload: () => void;
  /** Purposes switched off whose scripts already run on this page. */
  readonly stillRunningTitles: readonly TextPart[];
  /** Offered when one of them asks for it (`onWithdraw: "reload"`): reloads the page. */
  readonly onReload?: (() => void) | undefined;
}

/**
 * The status of the customer's latest decision. Only the brief state ("Saved.") is in the
 * live region, so a screen reader hears one or two words per change; the time of the last
 * save and the longer notes stay visible beside it without being announced again and again.
 * "Saved" only ever follows an acknowledgement from the endpoint.
 */
export function renderStatusLine({
  status,
  locale,
  onRetry,
  onDownload,
  stillRunningTitles,
  onReload,
}: StatusLineOptions): TemplateResult {
  const {save, lastSavedAt, isKept} = status;
  const isWaiting = save === 'saving' || save === 'retrying' || save === 'held';
  return html`<div class="footer">
    <div class="report">
      <p class="status" part="status" role="status" tabindex="-1" data-state=${save}>
        ${statusText(save)}
      </p>
      ${
        lastSavedAt && save !== 'local-only'
          ? html`<p class="meta" part="last-saved">
              ${msg(str`Last saved ${formatDateTime(lastSavedAt, locale)}.`)}
            </p>`
          : nothing
      }
      ${
        !isKept && isWaiting
          ? html`<p class="not-kept" part="not-kept">
              ${msg("This browser can't keep your choices until they're saved: if you leave this page before then, they will be lost.")}
            </p>`
          : nothing
      }
      ${
        stillRunningTitles.length > 0
          ? html`<p class="meta" part="still-running">
              ${spliced(
                msg(
                  str`Turned off: ${SLOT}. Anything already running on this page stops when you leave or reload it.`,
                ),
                listNode(stillRunningTitles, locale),
              )}
            </p>`
          : nothing
      }
    </div>
    ${
      save === 'refused' || save === 'held'
        ? html`<button type="button" class="secondary" part="retry" @click=${onRetry}>
            ${msg('Try again')}
          </button>`
        : nothing
    }
    ${
      onReload && stillRunningTitles.length > 0
        ? html`<button type="button" class="secondary" part="reload" @click=${onReload}>
            ${msg('Reload page')}
          </button>`
        : nothing
    }
    <button type="button" class="secondary" part="download" @click=${onDownload}>
      ${msg('Download my choices')}
    </button>
  </div>`;
}

function statusText(save: SaveStatus): string {
  switch (save) {
    case 'idle':
      return '';
    case 'local-only':
      return msg('Your choices are kept in this browser.');
    case 'saving':
      return msg('Saving…');
    case 'saved':
      return msg('Saved.');
    case 'retrying':
      return msg("Not saved yet. We'll keep trying.");
    case 'held':
      return msg("Not saved yet. We'll try again on your next visit.");
    case 'refused':
      return msg(
        "We couldn't save this change. It still applies in this browser. Try again, or contact us.",
      );
    case 'unsaved':
      return unsavedText();
  }
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(timeOf(iso));
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return intl(
      'date-time',
      locale,
      () => new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'}),
    ).format(date);
  } catch {
    return date.toISOString();
  }
}
