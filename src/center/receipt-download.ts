/**
 * "Download my choices": the customer's receipt of their choices as a JSON file. Loaded on the
 * click, so neither the banner nor the center carries it.
 */
import type {PrivacyConfig} from '../core/config.js';
import {buildConsentReceipt} from '../core/receipt.js';
import type {ConsentSession} from './consent-session.js';

export async function downloadReceipt(
  session: ConsentSession,
  config: PrivacyConfig,
  locale: string,
  root: ShadowRoot,
): Promise<void> {
  await session.whenStored(); // a decision made a moment ago belongs on it
  const issuedAt = new Date().toISOString();
  const receipt = buildConsentReceipt({
    config,
    subject: session.subject,
    choices: session.choices,
    locale,
    hasGpcSignal: session.hasGpcSignal,
    issuedAt,
    decision: session.decision,
  });
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(receipt, null, 2)], {type: 'application/json'}),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = `privacy-choices-${issuedAt.slice(0, 10)}.json`;
  link.hidden = true;
  // Clicked inside the center, so the page (or a test) can see the download it starts.
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
