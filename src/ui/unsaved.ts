/**
 * What the customer is told when a decision applies on this page only, because the session
 * could not load: in the center's status line and in the banner (which stays free of lit-html,
 * so this text is a module of its own).
 */
import {msg} from '@lit/localize';

export function unsavedText(): string {
  return msg(
    "Your choice applies on this page only: it couldn't be saved. We'll ask again on your next visit.",
  );
}
