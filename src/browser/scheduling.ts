/** When work runs: after the next frame is painted, or when the page is idle. */

/**
 * Resolves once the browser has painted the next frame: what a click changed is on the screen
 * before the work it sets off runs. A hidden page paints nothing, so there it resolves at once;
 * a page hidden while it waits resolves after at most `MAX_WAIT_MS`.
 */
const MAX_WAIT_MS = 100;

export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.visibilityState === 'hidden') return void setTimeout(resolve);
    // A task queued from a frame's animation callback runs once that frame is painted.
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, MAX_WAIT_MS);
  });
}

/** Runs `task` once the page is idle (soon, where the browser cannot tell). */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, {timeout: 2000});
  else setTimeout(task);
}
