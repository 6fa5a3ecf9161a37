// Stands in for the site's analytics snippet: it may only run once "Usage analytics" is granted.
window.demoTagsRun = [...(window.demoTagsRun ?? []), 'analytics'];
document.dispatchEvent(new CustomEvent('demo-tag', {detail: 'Usage analytics tag started'}));

// Under the shop's own name (www.shop.test, see the README), the snippet then loads its
// vendor's tag from the vendor's host, as real analytics snippets do.
if (location.hostname.endsWith('.shop.test')) {
  const url = `${location.protocol}//collect.vendor.test:${location.port}/tag.js`;
  // The demo's pages require Trusted Types: a script URL goes through the shop's own policy.
  const policy = window.trustedTypes?.createPolicy('demo-shop', {
    createScriptURL: (value) => value,
  });
  const tag = document.createElement('script');
  tag.src = policy ? policy.createScriptURL(url) : url;
  document.head.append(tag);
}
