import type {Preview} from '@storybook/web-components-vite';

const preview: Preview = {
  parameters: {
    // Axe violations fail story tests, not just show in the panel.
    a11y: {test: 'error'},
  },
};
export default preview;
