// Stands in for an analytics tag: it may only run once "Usage analytics" is granted.
window.demoTagsRun = [...(window.demoTagsRun ?? []), 'analytics'];
document.dispatchEvent(new CustomEvent('demo-tag', {detail: 'Usage analytics tag started'}));
