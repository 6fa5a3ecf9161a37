/**
 * The banner's markup, written once for the browser and the server: the banner view builds it
 * as DOM nodes and wires its buttons (banner-view.ts); `renderBanner` writes the same markup
 * into the server's HTML (src/server.ts), which the view then takes over. DOM-free.
 */
import {msg, str} from '@lit/localize';
import type {PrivacyConfig} from '../core/config.js';
import {isGpcCovered, type Choices, type PolicyChange} from '../core/consent.js';
import {isRightToLeft, textPart, type Languages, type TextPart} from '../core/locale.js';
import type {TreeBuilder} from './dom.js';
import {policyChangeNotice, policyChangeText} from './policy-change.js';
import {gapIn, listOf, partOf, SLOT, spliced} from './text-parts.js';
import {unsavedText} from './unsaved.js';

export interface BannerInput {
  readonly config: PrivacyConfig;
  readonly policyChange: PolicyChange | undefined;
  readonly languages: Languages;
  /** The level of the banner's heading, 2 to 6. */
  readonly headingLevel: number;
  /** A decision made here could not be saved: the banner is back, and says so. */
  readonly isUnsaved: boolean;
  /** The rule's `closeMeans` is `"reject"`: a close button that records "Reject all". */
  readonly closeRejects: boolean;
  /** The rule is a notice: the banner informs ("OK"), with no "Accept all" / "Reject all". */
  readonly isNotice: boolean;
  /** The titles of the purposes Global Privacy Control already turned off (the banner says so). */
  readonly gpcTitles: readonly TextPart[];
}

/**
 * Where the banner's arrival is announced: in the shadow root before the banner itself, so that
 * it exists before its text does.
 */
export function liveRegion<N>(h: TreeBuilder<N>): N {
  return h.element('span', {class: 'visually-hidden', 'aria-live': 'polite'});
}

/** The class of the banner's last control ("Choose what to allow"). */
const LAST_CONTROL = 'secondary';

/**
 * For a banner in the server's HTML, which the browser may paint before it has parsed all of it
 * (a slow phone yields mid-document): hidden until its last control is there, so that its text
 * is not painted centred alone and then moved aside by the buttons (a layout shift).
 */
export const HIDDEN_UNTIL_PARSED = `.banner:not(:has(.${LAST_CONTROL})){visibility:hidden}`;

/** The titles of the purposes Global Privacy Control refused, for the banner's line about it. */
export function gpcRefused(
  config: PrivacyConfig,
  choices: Choices,
  languages: Languages,
): TextPart[] {
  return config.purposes
    .filter((purpose) => isGpcCovered(purpose) && choices[purpose.id] === 'denied')
    .map((purpose) => textPart(purpose.title, languages));
}

/** The class of the close button, where closing the banner means "Reject all". */
export const CLOSE_BANNER = 'close-banner';

/**
 * The banner: its sentence, the policy, and the buttons "Accept all", "Reject all" and "Choose
 * what to allow", in this order (the view wires them by it); where the rule says so, a close
 * button before the sentence, which rejects. Where the rule is a notice: "OK" and "Choose what
 * to allow".
 */
export function bannerMarkup<N>(h: TreeBuilder<N>, input: BannerInput): N {
  const {config, languages} = input;
  const {shown} = languages;
  const gap = gapIn(shown);
  const controller = config.controller && textPart(config.controller.name, languages);
  const {policyUrl} = config;
  const policyLink = (label: string) =>
    policyUrl ? h.element('a', {href: policyUrl}, label) : undefined;
  const change = policyChangeNotice(config, input.policyChange, languages);
  const changeText = change && policyChangeText(change, shown, h);
  // Where closing means "Reject all": a "×" first in the text, in its corner (the text flows
  // around it, so the banner grows by no line for it).
  const close = input.closeRejects
    ? h.element(
        'button',
        {
          type: 'button',
          class: CLOSE_BANNER,
          part: 'banner-close',
          'aria-label': msg('Close and reject', {
            desc: 'The banner\'s close button ("×"): closing the banner refuses every optional use, as "Reject all" does.',
          }),
        },
        '×',
      )
    : undefined;
  const button = (label: string, part: string, className = part) =>
    h.element('button', {type: 'button', class: className, part}, label);
  return h.element(
    'section',
    {
      class: 'banner',
      part: 'banner',
      lang: shown,
      dir: isRightToLeft(shown) ? 'rtl' : 'ltr',
      'aria-labelledby': 'banner-heading',
    },
    h.element(
      'div',
      {class: 'banner-text'},
      close,
      h.element(
        `h${input.headingLevel}`,
        {id: 'banner-heading', class: 'banner-heading'},
        msg('Your privacy choices'),
      ),
      h.element(
        'p',
        {class: 'intro'},
        ...(input.isNotice
          ? controller
            ? spliced(
                msg(
                  str`${SLOT} uses your data for a few things, each with something in return for you. You can switch any of them off at any time.`,
                ),
                partOf(h, controller),
              )
            : [
                msg(
                  'This site uses your data for a few things, each with something in return for you. You can switch any of them off at any time.',
                ),
              ]
          : controller
            ? spliced(
                msg(
                  str`${SLOT} would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.`,
                ),
                partOf(h, controller),
              )
            : [
                msg(
                  'This site would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.',
                ),
              ]),
        policyUrl && gap,
        policyLink(msg('Privacy policy')),
      ),
      changeText || input.gpcTitles.length > 0
        ? h.element(
            'div',
            {class: 'notices'},
            changeText
              ? h.element(
                  'p',
                  {class: 'notice', part: 'notice policy-notice'},
                  changeText.changed,
                  ...(changeText.newSince ? [gap, ...changeText.newSince] : []),
                  policyUrl && gap,
                  policyLink(changeText.readPolicy),
                )
              : undefined,
            // The banner still asks about the rest: what the browser's signal refused stays off.
            input.gpcTitles.length > 0
              ? h.element(
                  'p',
                  {class: 'notice', part: 'notice gpc-notice'},
                  ...spliced(
                    // The center's words (ui/notices.ts): one message, one translation.
                    msg(
                      str`Your browser sent a Global Privacy Control signal, so we switched these off: ${SLOT}. You can switch them back on at any time.`,
                    ),
                    listOf(h, input.gpcTitles, shown),
                  ),
                )
              : undefined,
          )
        : undefined,
      // Only after a decision the session could not record (announced through the live region).
      input.isUnsaved
        ? h.element('p', {class: 'notice', part: 'status'}, unsavedText())
        : undefined,
    ),
    h.element(
      'div',
      {class: 'actions', part: 'actions'},
      ...(input.isNotice
        ? [
            button(
              msg('OK', {
                desc: 'In the banner of a region where the site only informs (no consent asked): closes the notice; changes no choice.',
              }),
              'action',
            ),
          ]
        : [button(msg('Accept all'), 'action'), button(msg('Reject all'), 'action')]),
      button(msg('Choose what to allow'), 'choose', LAST_CONTROL),
    ),
  );
}
