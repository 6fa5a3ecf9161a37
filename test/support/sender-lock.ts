import {macrotask} from './fake-clock.js';

/** The Web Lock one tab at a time sends under (src/center/delivery.ts). */
const SENDER_LOCK = 'privacy-preferences:sender';

async function isFree(): Promise<boolean> {
  const {held = [], pending = []} = await navigator.locks.query();
  return ![...held, ...pending].some((lock) => lock.name === SENDER_LOCK);
}

/**
 * Whether no delivery is at work in this origin: nobody holds or waits for the sender's lock,
 * seen twice across a turn of the event loop (a delivery sending again takes it straight back).
 */
export async function isSenderIdle(): Promise<boolean> {
  if (!(await isFree())) return false;
  await macrotask();
  return isFree();
}
