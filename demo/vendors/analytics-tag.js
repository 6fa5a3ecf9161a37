// Example Analytics' tag, served from its own host (collect.vendor.test) and running in the
// shop's page as third-party tags do: it sets cookies for the shop's whole domain, keeps a
// queue in localStorage, and sends a beacon and a fetch for every event. It cannot be unloaded:
// once its purpose is off, only the element's backstop stops what it sends.
(() => {
  const collect = new URL('/collect', document.currentScript.src).href;
  // The shop's registrable domain (www.shop.test → shop.test): the cookie reaches every subdomain.
  const domain = location.hostname.split('.').slice(-2).join('.');
  const year = 60 * 60 * 24 * 365;
  document.cookie = `_pa_id=PA1.${Date.now()}; domain=${domain}; path=/; max-age=${year}`;
  document.cookie = `_pa_ses_1=1; domain=${domain}; path=/`;
  localStorage.setItem('pa_queue', '[]');

  function track(event) {
    const url = `${collect}?e=${encodeURIComponent(event)}`;
    navigator.sendBeacon(`${url}&via=beacon`, '');
    fetch(`${url}&via=fetch`, {method: 'POST'}).catch(() => {});
  }
  window.exampleAnalytics = {track};
  track('page_view');
  document.dispatchEvent(
    new CustomEvent('demo-tag', {detail: 'Example Analytics tag started (collect.vendor.test)'}),
  );
})();
