/**
 * Where the customer is, and which of the site's rules applies there (docs/configuration.md,
 * "jurisdictions"): the region codes, the groups, and the choice of the most specific rule.
 * Pure: the region comes from the page (the `region` attribute) or the endpoint's hint.
 */

/**
 * How a place asks: consent first (`opt-in`), a right to refuse (`opt-out`), or a notice that
 * informs and offers the center (`notice`). Strictest first.
 */
export const MODELS = ['opt-in', 'opt-out', 'notice'] as const;
export type Model = (typeof MODELS)[number];

/** A rule as the configuration gives it, defaults filled in. */
export interface JurisdictionRule {
  readonly model: Model;
  /** After a refusal, the banner does not ask again in this browser for this many days. */
  readonly reaskAfterRefusalDays: number;
  /** A decision older than this is asked again; meanwhile its grants fall back to the defaults. */
  readonly maxAgeDays: number;
  /** `"reject"`: the banner has a close button, and closing it records "Reject all". */
  readonly closeMeans?: 'reject' | undefined;
}

/** The rule that applies on this page, and the region it was chosen for. */
export interface AppliedRule extends JurisdictionRule {
  /** The region as the page or the endpoint gave it; `undefined` when unknown. */
  readonly region: string | undefined;
}

/** ISO 3166-1 alpha-2 (`DE`), or ISO 3166-2 (`US-CA`): upper case, as the standard writes them. */
export const REGION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** The European Union's member states (ISO 3166-1; Greece is `GR`). */
export const EU_MEMBERS = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const; // prettier-ignore

/** Keys that stand for several countries: the EU, and the EEA (the EU with IS, LI, NO). */
export const REGION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  EU: EU_MEMBERS,
  EEA: [...EU_MEMBERS, 'IS', 'LI', 'NO'],
};

/** Every region without a rule of its own. */
export const ELSEWHERE = '*';

export const DEFAULT_MAX_AGE_DAYS = 395;
/** 6 months in an opt-in region (Garante, CNIL); 12 months after an opt-out (CCPA §1798.135(c)(4)). */
export function defaultReaskDays(model: Model): number {
  return model === 'opt-out' ? 365 : 182;
}

/** Without `"jurisdictions"`, every region is opt-in. */
export const OPT_IN: JurisdictionRule = {
  model: 'opt-in',
  reaskAfterRefusalDays: defaultReaskDays('opt-in'),
  maxAgeDays: DEFAULT_MAX_AGE_DAYS,
};

/** A region as a page or an endpoint writes it (` de `, `us-ca`), or `undefined` if it is none. */
export function normalizeRegion(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const region = value.trim().toUpperCase();
  return REGION_PATTERN.test(region) ? region : undefined;
}

/**
 * The rule for a region: its own key (`US-CA`), then its country's (`US`), then a group it
 * belongs to (`EU` before `EEA`), then `*`. An unknown region, or one that none of them covers,
 * gets the strictest rule of the configuration: opt-in over opt-out over notice (the first such).
 */
export function ruleFor(
  jurisdictions: Readonly<Record<string, JurisdictionRule>> | undefined,
  region: string | undefined,
): AppliedRule {
  if (!jurisdictions) return {...OPT_IN, region};
  const country = region?.slice(0, 2);
  const candidates = region
    ? [
        region,
        country,
        ...Object.keys(REGION_GROUPS).filter((group) => REGION_GROUPS[group].includes(country!)),
        ELSEWHERE,
      ]
    : [];
  const key = candidates.find((candidate) => Object.hasOwn(jurisdictions, candidate!));
  const rule = key ? jurisdictions[key] : strictest(Object.values(jurisdictions));
  return {...rule, region};
}

function strictest(rules: readonly JurisdictionRule[]): JurisdictionRule {
  const rank = (rule: JurisdictionRule) => MODELS.indexOf(rule.model);
  return rules.reduce((best, rule) => (rank(rule) < rank(best) ? rule : best), rules[0] ?? OPT_IN);
}
