/** Answers a test holds back until it chooses, and how many requests wait on one. */

/** A promise the test resolves when it chooses, e.g. to hold an answer back. */
export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

const gates: Gate[] = [];
let waiting = 0;

export function gate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const result = {opened, open: () => open()};
  gates.push(result);
  return result;
}

/**
 * Opens every gate, after each test: a held answer keeps the Web Lock that every later test's
 * delivery needs.
 */
export function openGates(): void {
  for (const held of gates.splice(0)) held.open();
}

/** Waits for `wait()`, counted as a request whose answer is held back meanwhile. */
export async function holding(wait: () => Promise<unknown>): Promise<void> {
  waiting++;
  try {
    await wait();
  } finally {
    waiting--;
  }
}

/** Requests whose answer is held back: the sender cannot finish while one is. */
export function heldRequests(): number {
  return waiting;
}
