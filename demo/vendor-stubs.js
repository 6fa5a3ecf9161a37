// Stand-ins for the snippets of Meta's and TikTok's pixels, Microsoft UET and Clarity, which a
// shop puts in its <head> before any tag: each records the calls it gets in
// `window.demoVendorCalls` (and on the page's list of tags), so that what the element told the
// vendors can be seen and tested.
(() => {
  const calls = (window.demoVendorCalls = []);
  const heard = (vendor, args) => {
    calls.push([vendor, ...args]);
    const detail = `${vendor} ${args.map((arg) => JSON.stringify(arg)).join(' ')}`;
    document.dispatchEvent(new CustomEvent('demo-tag', {detail}));
  };
  window.fbq = (...args) => heard('fbq', args);
  window.ttq = {
    grantConsent: () => heard('ttq', ['grantConsent']),
    revokeConsent: () => heard('ttq', ['revokeConsent']),
  };
  window.uetq = {push: (...args) => heard('uetq', args)};
  window.clarity = (...args) => heard('clarity', args);
})();
