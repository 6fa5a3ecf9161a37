/**
 * The timers the center waits with: the real ones by default, a test's clock when it injects
 * one (so that waiting for the endpoint or a backoff is a step of the test, not a sleep).
 */
export type TimerHandle = unknown;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `AbortSignal.timeout(ms)`, timed by `timers`. */
export function timeoutSignal(ms: number, timers: Timers): AbortSignal {
  if (timers === REAL_TIMERS) return AbortSignal.timeout(ms);
  const controller = new AbortController();
  timers.setTimeout(
    () => controller.abort(new DOMException('signal timed out', 'TimeoutError')),
    ms,
  );
  return controller.signal;
}
