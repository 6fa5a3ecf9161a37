/**
 * A clock a test moves by hand: `now()` and `timers` go to the code under test, and
 * `advance(ms)` runs the timers that fall due, in order, letting the promises each one starts
 * settle before the next. Waiting is a step of the test, never a sleep.
 */
import type {TimerHandle, Timers} from '../../src/center/timers.js';

interface Pending {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

export interface FakeClock {
  now(): number;
  readonly timers: Timers;
  /** Timers set and not yet run or cleared. */
  pending(): number;
  /** How long until the next timer is due; `undefined` with none set. */
  untilNext(): number | undefined;
  /** How long until each timer set is due, soonest first. */
  dueIn(): number[];
  /**
   * Moves the clock `ms` on, running every timer due by then, in order; `beforeEach` is awaited
   * before each (e.g. to let the work the last one started finish).
   */
  advance(ms: number, beforeEach?: () => Promise<void>): Promise<void>;
  /** Runs every timer, the ones they set too, however far ahead (up to `limit` of them). */
  runAll(limit?: number): Promise<void>;
}

/** One turn of the event loop (a message, not a timer: no clamping, no sleep). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Lets what is already under way (promise chains, in-memory stores) run to its next wait. */
export async function settle(turns = 5): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await macrotask();
}

export function fakeClock(start = Date.now()): FakeClock {
  let current = start;
  let nextId = 1;
  const timers = new Map<number, Pending>();

  const next = (): Pending | undefined =>
    [...timers.values()].sort((a, b) => a.due - b.due || a.id - b.id)[0];

  const runOne = async (timer: Pending) => {
    timers.delete(timer.id);
    current = Math.max(current, timer.due);
    timer.callback();
    await settle();
  };

  return {
    now: () => current,
    timers: {
      setTimeout(callback: () => void, ms: number): TimerHandle {
        const id = nextId++;
        timers.set(id, {id, due: current + Math.max(0, ms), callback});
        return id;
      },
      clearTimeout(handle: TimerHandle) {
        timers.delete(handle as number);
      },
    },
    pending: () => timers.size,
    untilNext() {
      const timer = next();
      return timer && Math.max(0, timer.due - current);
    },
    dueIn: () =>
      [...timers.values()].map((timer) => Math.max(0, timer.due - current)).sort((a, b) => a - b),
    async advance(ms: number, beforeEach = settle) {
      const target = current + ms;
      await settle();
      for (let timer = next(); timer && timer.due <= target; timer = next()) {
        await beforeEach();
        // The one to run may have been cleared or replaced meanwhile.
        const due = next();
        if (!due || due.due > target) break;
        await runOne(due);
      }
      current = target;
      await settle();
    },
    async runAll(limit = 100) {
      await settle();
      for (let count = 0, timer = next(); timer; timer = next()) {
        if (++count > limit) throw new Error(`fakeClock: more than ${limit} timers in a row`);
        await runOne(timer);
      }
    },
  };
}
