// Stands in for a recommendations widget: it may only run once "Personal recommendations" is granted.
window.demoTagsRun = [...(window.demoTagsRun ?? []), 'recommendations'];
document.dispatchEvent(new CustomEvent('demo-tag', {detail: 'Recommendations widget started'}));
