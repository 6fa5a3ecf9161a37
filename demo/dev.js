// The development page's own script (index.html): switches how the center shows. The choice is
// kept in the address (?mode=banner&theme=dark) so a reload, and a saved link, keep it.
const center = document.querySelector('privacy-preferences');
const params = new URLSearchParams(location.search);

for (const name of ['mode', 'theme']) {
  const select = document.getElementById(name);
  const wanted = params.get(name);
  if (wanted && [...select.options].some((option) => option.value === wanted)) {
    select.value = wanted;
    center.setAttribute(name, wanted);
  }
  select.addEventListener('change', () => {
    center.setAttribute(name, select.value);
    params.set(name, select.value);
    history.replaceState(null, '', `?${params}`);
  });
}
