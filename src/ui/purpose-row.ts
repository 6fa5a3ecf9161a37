import {html, nothing, type TemplateResult} from 'lit/html.js';
import {html as staticHtml, unsafeStatic} from 'lit/static-html.js';
import {msg, str} from '@lit/localize';
import type {PageActivity} from '../core/activity.js';
import type {Choice, LegalBasis, LocalizedText, PurposeConfig} from '../core/config.js';
import {textPart, type Languages, type TextPart} from '../core/locale.js';
import {renderPageActivity} from './page-activity.js';
import {aroundSlot, directionOf, gapIn, SLOT} from './text-parts.js';

export interface PurposeRowOptions {
  readonly purpose: PurposeConfig;
  readonly choice: Choice;
  /** Configuration text is looked up in the customer's language, marked when not the interface's. */
  readonly languages: Languages;
  /** New since the customer's last decision (the policy changed). */
  readonly isNew: boolean;
  /**
   * An opt-out region, and Global Privacy Control turned it off: "Opt-Out Request Honored"
   * beside it (California regulations §7025(c)(6)).
   */
  readonly isOptOutHonored: boolean;
  /** What this page did under the purpose. */
  readonly activity: PageActivity | undefined;
  /** The title's heading level: one below the center's. */
  readonly titleLevel: number;
  readonly onToggle: (purpose: PurposeConfig) => void;
}

/** One purpose: what it is, what the customer gets, its switch, and the details behind it. */
export function renderPurposeRow({
  purpose,
  choice,
  languages,
  isNew,
  isOptOutHonored,
  activity,
  titleLevel,
  onToggle,
}: PurposeRowOptions): TemplateResult {
  const text = (value: LocalizedText) => textPart(value, languages);
  const title = text(purpose.title);
  const description = text(purpose.description);
  const gap = gapIn(languages.shown);
  const [detailsBefore, detailsAfter] = aroundSlot(msg(str`: ${SLOT}`));
  const isGranted = choice === 'granted';
  const titleId = `title-${purpose.id}`;
  const heading = unsafeStatic(`h${titleLevel}`);
  const benefitId = `benefit-${purpose.id}`;
  const requiredId = `required-${purpose.id}`;
  const newId = `new-${purpose.id}`;
  const honoredId = `honored-${purpose.id}`;
  const descriptionId = `description-${purpose.id}`;
  // What the switch says after its name: new, what it is, what the customer gets, why it is on.
  const describedBy = [
    isNew && newId,
    isOptOutHonored && honoredId,
    descriptionId,
    benefitId,
    purpose.required && requiredId,
  ].filter(Boolean);
  return html`<li class="purpose" part="purpose" data-purpose=${purpose.id}>
    <div class="purpose-head">
      ${staticHtml`<${heading} id=${titleId} class="purpose-title" part="purpose-title">${isolated(title)}</${heading}>`}
      ${isNew ? html`<span class="badge" part="new-badge" id=${newId}>${msg('New')}</span>` : nothing}
      ${
        isOptOutHonored
          ? html`<span class="badge" part="opt-out-honored" id=${honoredId}>
              ${msg('Opt-Out Request Honored', {
                desc: "Beside a purpose that the browser's Global Privacy Control signal turned off, where the law gives a right to opt out of the sale or sharing of personal information (California: the wording of regulation §7025(c)(6); keep it short and official).",
              })}
            </span>`
          : nothing
      }
      <button
        type="button"
        class="switch"
        part="switch"
        role="switch"
        aria-checked=${isGranted ? 'true' : 'false'}
        aria-labelledby=${titleId}
        aria-describedby=${describedBy.join(' ')}
        aria-disabled=${purpose.required ? 'true' : nothing}
        @click=${() => onToggle(purpose)}
      >
        <span class="track" aria-hidden="true"><span class="thumb"></span></span>
        <span class="state" aria-hidden="true">${isGranted ? msg('On') : msg('Off')}</span>
      </button>
    </div>
    <p
      id=${descriptionId}
      class="description"
      part="description"
      lang=${description.lang ?? nothing}
      dir=${directionOf(description)}
    >
      ${description.value}
    </p>
    <p class="benefit" part="benefit" id=${benefitId}>
      <strong>${msg('What you get:') + gap}</strong>${isolated(text(purpose.benefit))}
    </p>
    ${renderPageActivity(activity, languages.shown)}
    ${
      purpose.required
        ? html`<p class="required-note" part="required" id=${requiredId}>
            ${msg('Always on:') + gap}${
              purpose.requiredReason
                ? isolated(text(purpose.requiredReason))
                : requiredReason(purpose.legalBasis)
            }
          </p>`
        : nothing
    }
    <details part="details">
      <summary>
        ${msg('Details')}<span class="visually-hidden"
          >${detailsBefore}${isolated(title)}${detailsAfter}</span
        >
      </summary>
      <dl class="facts">${renderFacts(purpose, text)}</dl>
    </details>
  </li>`;
}

function renderFacts(purpose: PurposeConfig, text: (value: LocalizedText) => TextPart) {
  const retention = purpose.retention && text(purpose.retention);
  return html`
    ${
      purpose.data.length > 0
        ? html`<div>
            <dt>${msg('Data used')}</dt>
            <dd>
              <ul>
                ${purpose.data
                  .map(text)
                  .map(
                    (item) =>
                      html`<li lang=${item.lang ?? nothing} dir=${directionOf(item)}>
                        ${item.value}
                      </li>`,
                  )}
              </ul>
            </dd>
          </div>`
        : nothing
    }
    ${
      purpose.recipients.length > 0
        ? html`<div>
            <dt>${msg('Shared with')}</dt>
            <dd>
              <ul>
                ${purpose.recipients.map(
                  (recipient) =>
                    html`<li>
                      ${
                        recipient.url
                          ? html`<a href=${recipient.url}>${isolated(text(recipient.name))}</a>`
                          : isolated(text(recipient.name))
                      }
                    </li>`,
                )}
              </ul>
            </dd>
          </div>`
        : nothing
    }
    ${
      retention
        ? html`<div>
            <dt>${msg('Kept for')}</dt>
            <dd lang=${retention.lang ?? nothing} dir=${directionOf(retention)}>
              ${retention.value}
            </dd>
          </div>`
        : nothing
    }
    <div>
      <dt>${msg('Legal basis')}</dt>
      <dd>${legalBasisLabel(purpose.legalBasis)}</dd>
    </div>
  `;
}

function legalBasisLabel(basis: LegalBasis): string {
  switch (basis) {
    case 'consent':
      return msg('Your consent');
    case 'legitimate-interest':
      return msg('Legitimate interest');
    case 'contract':
      return msg('Needed for a contract with you');
    case 'legal-obligation':
      return msg('Required by law');
  }
}

function requiredReason(basis: LegalBasis): string {
  switch (basis) {
    case 'contract':
      return msg('needed to provide the service you asked for.');
    case 'legal-obligation':
      return msg('we are required by law to do this.');
    default:
      return msg('needed for the site to work.');
  }
}

/** Configuration text inline: isolated, and marked with its language when not the interface's. */
function isolated(part: TextPart): TemplateResult {
  return html`<bdi lang=${part.lang ?? nothing} dir=${directionOf(part)}>${part.value}</bdi>`;
}
