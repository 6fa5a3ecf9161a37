// Shared by the browser tests and the stories (no test framework in it).

/**
 * Chromium does not send Global Privacy Control: this turns the signal on as a browser would,
 * and returns what turns it off again.
 */
export function sendGpcSignal(): () => void {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
    get: () => true,
    configurable: true,
  });
  return () => {
    delete (Navigator.prototype as {globalPrivacyControl?: boolean}).globalPrivacyControl;
  };
}
