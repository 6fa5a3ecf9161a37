// Small numeric helpers shared by the benchmark scripts.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "412 ms (380–455)": median (min–max) */
export function range(values, digits, unit = '') {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return `${median(values).toFixed(digits)}${unit} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

/** An integer ≥ 1 from the environment variable `name`, or `fallback`. */
export function positiveInteger(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** 12,345 */
export function fmt(value) {
  return value.toLocaleString('en-US');
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Click → next paint figures (ms; `undefined`: under the 16 ms browsers report from), as
 * "median (max)", "< 16 ms" standing for the unreported ones.
 */
export function paintRange(values) {
  const known = values.map((value) => value ?? 0);
  const show = (value) => (value < 16 ? '< 16 ms' : `${value.toFixed(0)} ms`);
  return `${show(median(known))} (${show(Math.max(...known))})`;
}
