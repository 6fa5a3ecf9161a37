/**
 * What every story starts from: a browser that has never seen the shop (no stored choices, no
 * anonymous id), and, for stories with an endpoint, a consent endpoint that answers exactly as
 * the story says — so "saving", "saved", "retrying" and "refused" can be shown on purpose. All
 * of it is scoped to the story: each stub returns the cleanup Storybook runs afterwards.
 */
import {DECISION_KEY} from '../../src/browser/storage.js';
import {SUBJECT_KEY} from '../../src/browser/subject.js';

import {writeStoredState} from '../../test/support/indexeddb.js';

export {sendGpcSignal} from '../../test/support/gpc.js';

/** Forgets what earlier stories kept: `localStorage` and the shared state in IndexedDB. */
export async function forgetEverything(): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('privacy-preferences');
    request.onsuccess = request.onerror = () => resolve();
    // A center of the previous story still closing keeps the database open a moment.
    setTimeout(resolve, 2000);
  });
  localStorage.clear();
}

/** How the story's endpoint answers every record. */
export type EndpointBehaviour =
  /** 201 with a receipt: "Saved." */
  | 'saves'
  /** Never answers: "Saving…" stays. */
  | 'hangs'
  /** 503 with a long Retry-After: "Not saved yet. We'll keep trying." */
  | 'retries'
  /** 422: refused for good, with "Try again". */
  | 'refuses';

/** The endpoint URL stories use; only requests to it are answered by the stub. */
export const STORY_ENDPOINT = '/story-consent-endpoint';

/**
 * Answers the story's endpoint as `behaviour` says (other requests go to the network as usual);
 * returns the cleanup that puts `fetch` back.
 */
export function stubEndpoint(behaviour: EndpointBehaviour): () => void {
  const original = window.fetch;
  const unanswered = new AbortController();
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname !== STORY_ENDPOINT) return original(input, init);
    if (request.method === 'GET') return new Response(null, {status: 204});
    const record = (await request.json()) as {recordId: string};
    switch (behaviour) {
      case 'saves':
        return Response.json(
          {
            receiptId: `r-${record.recordId.slice(0, 8)}`,
            recordedAt: new Date().toISOString(),
            record,
          },
          {status: 201},
        );
      case 'hangs':
        return answerNever(AbortSignal.any([request.signal, unanswered.signal]));
      case 'retries':
        return Response.json(
          {error: 'The consent service is being updated.'},
          {status: 503, headers: {'Retry-After': '3600'}},
        );
      case 'refuses':
        return Response.json({error: 'choices: unknown purpose'}, {status: 422});
    }
  };
  return () => {
    window.fetch = original;
    // The story is over: a request still waiting fails as on a lost network, so that no sender
    // of this page keeps waiting into the next story.
    unanswered.abort(new TypeError('Failed to fetch'));
  };
}

/** A URL that never answers (a configuration still loading); returns the cleanup. */
export function neverAnswer(path: string): () => void {
  const original = window.fetch;
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    return new URL(request.url).pathname === path
      ? answerNever(request.signal)
      : original(input, init);
  };
  return () => {
    window.fetch = original;
  };
}

/** A request that stays unanswered until it is aborted, as a real one would be. */
function answerNever(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), {once: true});
  });
}

/** This browser already decided, under an earlier policy version (a returning customer). */
export async function decidedEarlier(
  policyVersion: string,
  choices: Record<string, string>,
): Promise<void> {
  const subject = '7f1c2a3e-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
  const decision = {subject, policyVersion, choices, decidedAt: '2026-10-01T10:00:00.000Z'};
  localStorage.setItem(SUBJECT_KEY, subject);
  // Where a decision lives (IndexedDB), and its copy for the first paint.
  await writeStoredState('decision', decision);
  localStorage.setItem(DECISION_KEY, JSON.stringify(decision));
}
