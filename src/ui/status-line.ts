import {html, nothing, type TemplateResult} from 'lit';
import {msg, str} from '@lit/localize';
import type {SaveStatus} from '../browser/consent-session.js';

export interface StatusLineOptions {
  readonly status: SaveStatus;
  /** When the endpoint last acknowledged the choices (ISO 8601). */
  readonly lastSavedAt: string | undefined;
  readonly locale: string;
  readonly onRetry: () => void;
  readonly onDownload: () => void;
  /** Purposes switched off whose scripts already run on this page. */
  readonly stillRunningTitles: readonly string[];
}

/**
 * The live status line: words for sighted customers and screen readers alike. "Saved" only
 * ever follows a 2xx from the endpoint.
 */
export function renderStatusLine({
  status,
  lastSavedAt,
  locale,
  onRetry,
  onDownload,
  stillRunningTitles,
}: StatusLineOptions): TemplateResult {
  const lastSaved = lastSavedAt ? msg(str`Last saved ${formatDateTime(lastSavedAt, locale)}.`) : '';
  return html`<div class="footer">
    <p class="status" part="status" role="status" data-state=${status.kind}>
      ${statusText(status)} ${status.kind === 'saving' ? '' : lastSaved}
      ${
        stillRunningTitles.length > 0
          ? html`<span class="still-running" part="still-running">
              ${msg(
                str`Switching off ${stillRunningTitles.join(', ')} takes full effect on your next visit: what already started on this page keeps running until you leave it.`,
              )}
            </span>`
          : nothing
      }
    </p>
    ${
      status.kind === 'failed'
        ? html`<button type="button" class="secondary" part="retry" @click=${onRetry}>
            ${msg('Try again')}
          </button>`
        : nothing
    }
    <button type="button" class="secondary" part="download" @click=${onDownload}>
      ${msg('Download my choices')}
    </button>
  </div>`;
}

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'local-only':
      return msg('Your choices are kept in this browser.');
    case 'saving':
      return msg('Saving your choices…');
    case 'saved':
      return msg('Your choices are saved.');
    case 'failed':
      if (status.willRetry) return msg("Couldn't save your choices yet — we'll retry.");
      if (status.reason) return msg(str`Couldn't save your choices: ${status.reason}`);
      return status.httpStatus
        ? msg(str`Couldn't save your choices (error ${status.httpStatus}).`)
        : msg("Couldn't save your choices.");
  }
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'}).format(date);
  } catch {
    return date.toISOString();
  }
}
