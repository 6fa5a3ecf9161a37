/**
 * What this page did under each purpose (the element's `activity` property, the center's "On
 * this page"): the hosts whose scripts and embeds ran, the hosts of requests held back while
 * it was off, and the cookie and storage names removed when it was turned off. Hosts and
 * names only, never URLs: a URL can carry personal data. Pure and DOM-free.
 */

export interface PurposeActivity {
  /** Hosts whose scripts or embeds ran for this purpose (the page's own host for inline code). */
  readonly ran: readonly string[];
  /** Hosts of requests held back while the purpose was off. */
  readonly blocked: readonly string[];
  /** Cookie and storage names removed when the purpose was off. */
  readonly removed: readonly string[];
}

export type Activity = Readonly<Record<string, PurposeActivity>>;
export type ActivityKind = keyof PurposeActivity;

/** The log a page keeps: each host or name once per purpose and kind, requests held back counted. */
export class ActivityLog {
  readonly #entries = new Map<string, {[kind in ActivityKind]: Set<string>}>();
  readonly #blockedCounts = new Map<string, number>();
  readonly #onChange: () => void;

  /** `onChange`: called after a note that added something (a repeated request counts only). */
  constructor(purposeIds: readonly string[], onChange: () => void = () => {}) {
    for (const id of purposeIds)
      this.#entries.set(id, {ran: new Set(), blocked: new Set(), removed: new Set()});
    this.#onChange = onChange;
  }

  /** Notes `name` under `kind` for each of these purposes; ids not configured are ignored. */
  note(purposeIds: readonly string[], kind: ActivityKind, name: string): void {
    let isNew = false;
    for (const id of purposeIds) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      if (kind === 'blocked') this.#blockedCounts.set(id, this.blockedCount(id) + 1);
      if (entry[kind].has(name)) continue;
      entry[kind].add(name);
      isNew = true;
    }
    if (isNew || kind === 'blocked') this.#onChange();
  }

  /** How many requests of this purpose were held back (`blocked` names each host once). */
  blockedCount(purposeId: string): number {
    return this.#blockedCounts.get(purposeId) ?? 0;
  }

  /** A copy, every configured purpose present: what `activity` returns. */
  snapshot(): Activity {
    return Object.fromEntries(
      [...this.#entries].map(([id, {ran, blocked, removed}]) => [
        id,
        Object.freeze({ran: [...ran], blocked: [...blocked], removed: [...removed]}),
      ]),
    );
  }
}
