// The demo page's own script: lists the element's events, and switches its language.
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
