/**
 * A random UUID, version 4. `crypto.randomUUID` exists only in secure contexts (https,
 * localhost); a site still on plain http gets one from `getRandomValues`, which every page has:
 * each 0 and 1 of the template becomes a random hex digit, the 8 one of 8 to b (the variant),
 * and the 4 stays (the version).
 */
export const randomUuid = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (+digit ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+digit / 4)))).toString(16),
  );
