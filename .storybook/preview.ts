import {setCustomElementsManifest, type Preview} from '@storybook/web-components-vite';
import {forgetEverything} from '../stories/support/sandbox.js';

// The manifest `npm run build` writes (the public surface only) feeds docs and controls; before
// a first build there is none, and stories still render.
const [manifest] = Object.values(
  import.meta.glob('../dist/custom-elements.json', {eager: true, import: 'default'}),
);
if (manifest) setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    // Axe violations fail story tests, not just show in the panel.
    a11y: {test: 'error'},
    controls: {expanded: true},
    docs: {toc: true},
  },
  // Every story starts in a browser that has never seen the shop.
  beforeEach: () => forgetEverything(),
};
export default preview;
