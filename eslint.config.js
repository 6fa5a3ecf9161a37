import js from '@eslint/js';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['node_modules/', 'dist/', 'storybook-static/', 'src/generated/', 'data/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Lit template checks: bindings, attribute names, no template in template attributes, …
  {files: ['src/**/*.ts', 'stories/**/*.ts'], ...lit.configs['flat/recommended']},
  {
    languageOptions: {globals: {...globals.browser, ...globals.node}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
      // A closure may read a variable that is assigned once, later (see server/demo.ts).
      'prefer-const': ['error', {ignoreReadBeforeAssign: true}],
    },
  },
  {
    // Chai assertions such as `expect(x).to.exist` are expressions by design.
    files: ['test/**/*.ts'],
    rules: {'@typescript-eslint/no-unused-expressions': 'off'},
  },
);
