// The demo page's own script: lists the element's events, switches its language, and where the
// customer shops from.
const center = document.querySelector('privacy-preferences');
const list = document.getElementById('events');
const language = document.getElementById('language');

for (const type of ['consent-ready', 'consent-change', 'consent-saved', 'consent-error']) {
  center.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const name = document.createElement('code');
    name.textContent = type;
    const detail = document.createElement('pre');
    detail.textContent = JSON.stringify(event.detail, null, 2);
    item.append(name, detail);
    list.prepend(item);
  });
}

const tags = document.getElementById('tags');
let hasTags = false;
document.addEventListener('demo-tag', (event) => {
  const item = document.createElement('li');
  item.textContent = event.detail;
  if (!hasTags) tags.replaceChildren();
  hasTags = true;
  tags.append(item);
});

language.value = document.documentElement.lang;
language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
  center.locale = language.value;
});

// Where the customer shops from: kept in a cookie the demo server turns into the country header
// the endpoint's region hint reads (server/demo.ts), as a CDN would set it. The element keeps
// the hint for a day: it is forgotten here, so that the next page asks again.
const region = document.getElementById('region');
if (region) region.value = /(?:^|;\s*)demo-region=([^;]*)/.exec(document.cookie)?.[1] ?? '';
region?.addEventListener('change', () => {
  document.cookie = `demo-region=${encodeURIComponent(region.value)}; path=/; max-age=${region.value ? 31536000 : 0}; samesite=lax`;
  localStorage.removeItem('privacy-preferences:region');
  location.reload();
});
