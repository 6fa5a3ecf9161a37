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
  // Load time is the folder boundary (README, "The code"): element/ and browser/ run on every
  // page and reach center/ and ui/ only through import() (a type may cross: it costs nothing);
  // ui/ gets a port and never the session; core/ is pure and imports nothing outside itself.
  ...importBoundaries({
    'src/element/**/*.ts': {
      lazy: ['center', 'ui', 'browser/embeds.js'],
      below: ['../*.js', '!../attributes.js', '!../events.js'],
    },
    'src/browser/**/*.ts': {
      lazy: ['center', 'ui', 'element', 'browser/embeds.js'],
      below: ['../*.js', '!../attributes.js', '!../events.js'],
    },
    // browser/embeds.ts is itself reached only through import(), on pages with embeds: it
    // draws its placeholders with ui/.
    'src/browser/embeds.ts': {
      lazy: ['center', 'element'],
      below: ['../*.js', '!../attributes.js', '!../events.js'],
    },
    'src/center/**/*.ts': {forbidden: ['element'], below: []},
    'src/ui/**/*.ts': {forbidden: ['center', 'element'], below: []},
    'src/core/**/*.ts': {forbidden: ['..'], below: []},
  }),
  {
    // Chai assertions such as `expect(x).to.exist` are expressions by design.
    files: ['test/**/*.ts'],
    rules: {'@typescript-eslint/no-unused-expressions': 'off'},
  },
);

/**
 * `@typescript-eslint/no-restricted-imports` per folder: `lazy` folders (and modules, named with
 * `.js`) may be imported as types only (code from them comes through `import()`, which this rule
 * does not see);
 * `forbidden` ones not at all; `below`, further patterns (the entries) refused outright.
 */
function importBoundaries(folders) {
  return Object.entries(folders).map(([files, {lazy = [], forbidden = [], below}]) => ({
    files: [files],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...lazy.map((folder) =>
              folder.endsWith('.js')
                ? {
                    // A module that loads on demand, imported from beside it or from another folder.
                    group: [`../${folder}`, `./${folder.split('/').pop()}`],
                    allowTypeImports: true,
                    message: `${folder} loads on demand: reach it through import().`,
                  }
                : {
                    group: [`../${folder}/*`],
                    allowTypeImports: true,
                    message: `${folder}/ loads on demand: reach it through import().`,
                  },
            ),
            ...forbidden.map((folder) => ({
              group: [folder === '..' ? '../*' : `../${folder}/*`],
              message:
                folder === '..'
                  ? 'core/ is pure: it imports nothing outside core/.'
                  : `this folder must not depend on ${folder}/.`,
            })),
            ...(below.length > 0
              ? [{group: below, message: 'the entries are not imported from here.'}]
              : []),
            {group: ['lit', 'lit/*', '@lit/*'], message: 'Lit belongs to ui/ alone.'},
          ].filter((pattern) => !(pattern.group[0] === 'lit' && files.startsWith('src/ui'))),
        },
      ],
    },
  }));
}
