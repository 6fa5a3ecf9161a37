/**
 * What this page did under each purpose (the element's `activity` property, the center's "On
 * this page"): the hosts whose scripts and embeds ran, the hosts of requests held back while
 * it was off, and the cookie and storage names removed while it was off. Hosts and names
 * only, never URLs: a URL can carry personal data. Pure and DOM-free; small, as every page
 * loads it.
 */

export interface PurposeActivity {
  /** Hosts whose scripts or embeds ran for this purpose (the page's own host for inline code). */
  readonly ran: readonly string[];
  /** Hosts of requests held back while the purpose was off. */
  readonly blocked: readonly string[];
  /** Cookie and storage names removed while the purpose was off. */
  readonly removed: readonly string[];
}

export type Activity = Readonly<Record<string, PurposeActivity>>;
export type ActivityKind = keyof PurposeActivity;

/** One purpose's activity as the center shows it: with how many requests were held back. */
export interface PageActivity extends PurposeActivity {
  readonly blockedCount: number;
}

export interface ActivityLog {
  /** Notes `name` under `kind` for each of these purposes (once each); unknown ids are ignored. */
  note(purposeIds: readonly string[], kind: ActivityKind, name: string): void;
  /** One purpose's activity (a copy), with how many requests were held back. */
  of(purposeId: string): PageActivity | undefined;
  /** A copy, every configured purpose present: what the element's `activity` returns. */
  snapshot(): Activity;
}

/** `onChange`: called after every note (the center re-renders; renders coalesce). */
export function activityLog(purposeIds: readonly string[], onChange: () => void): ActivityLog {
  const entries = new Map(
    purposeIds.map((id) => [
      id,
      {ran: new Set<string>(), blocked: new Set<string>(), removed: new Set<string>(), count: 0},
    ]),
  );
  const of = (id: string): PageActivity | undefined => {
    const entry = entries.get(id);
    return (
      entry && {
        ran: [...entry.ran],
        blocked: [...entry.blocked],
        removed: [...entry.removed],
        blockedCount: entry.count,
      }
    );
  };
  return {
    note(ids, kind, name) {
      for (const id of ids) {
        const entry = entries.get(id);
        entry?.[kind].add(name);
        if (entry && kind === 'blocked') entry.count++;
      }
      onChange();
    },
    of,
    snapshot: () =>
      Object.fromEntries(
        purposeIds.map((id) => {
          const {ran, blocked, removed} = of(id)!;
          return [id, {ran, blocked, removed}];
        }),
      ),
  };
}
