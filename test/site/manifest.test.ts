// The Custom Elements Manifest shipped in dist/ describes the public surface only, as the
// contract states it: what Storybook's docs and controls and editors read.
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';

interface Member {
  readonly kind: string;
  readonly name: string;
  readonly privacy?: string;
  readonly static?: boolean;
  readonly type?: {readonly text: string};
}

const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8')) as {
  modules: {
    path: string;
    declarations: {
      tagName: string;
      members: Member[];
      attributes: {name: string; fieldName?: string; type?: {text: string}}[];
      events: {name: string; type?: {text: string}}[];
      cssParts: {name: string}[];
      cssProperties: {name: string; default?: string}[];
    }[];
    exports: {kind: string; name: string; declaration: {module: string}}[];
  }[];
};

describe('dist/custom-elements.json', () => {
  const [module, ...others] = manifest.modules;
  const element = module!.declarations[0]!;

  it('has one module: the shipped entry, exporting the class and defining the tag', () => {
    assert.equal(others.length, 0);
    assert.equal(module!.path, 'dist/privacy-preferences.js');
    assert.ok(existsSync(module!.path));
    assert.deepEqual(
      module!.exports.map(({kind, name, declaration}) => [kind, name, declaration.module]),
      [
        ['js', 'PrivacyPreferences', 'dist/privacy-preferences.js'],
        ['custom-element-definition', 'privacy-preferences', 'dist/privacy-preferences.js'],
      ],
    );
    assert.equal(element.tagName, 'privacy-preferences');
  });

  it('lists every attribute of the contract with its property and type, unions expanded', () => {
    assert.deepEqual(
      Object.fromEntries(
        element.attributes.map(({name, fieldName, type}) => [name, [fieldName, type?.text]]),
      ),
      {
        'config-url': ['configUrl', 'string | undefined'],
        endpoint: ['endpoint', 'string | undefined'],
        subject: ['subject', 'string | undefined'],
        'subject-token': ['subjectToken', 'string | undefined'],
        locale: ['locale', 'string | undefined'],
        mode: ['mode', "'inline' | 'modal' | 'banner'"],
        theme: ['theme', "'auto' | 'light' | 'dark'"],
        'heading-level': ['headingLevel', "'2' | '3' | '4' | '5' | '6'"],
        credentials: ['credentials', "'same-origin' | 'include' | 'omit'"],
        region: ['region', 'string | undefined'],
      },
    );
  });

  it('lists public members only', () => {
    assert.deepEqual(element.members.map(({kind, name}) => `${kind} ${name}`).sort(), [
      'field activity',
      'field choices',
      'field config',
      'field configUrl',
      'field credentials',
      'field endpoint',
      'field headingLevel',
      'field locale',
      'field mode',
      'field region',
      'field subject',
      'field subjectToken',
      'field theme',
      'field updateComplete',
      'method acceptAll',
      'method close',
      'method getChoice',
      'method open',
      'method rejectAll',
      'method setChoice',
    ]);
    const typeTexts = element.members.map((member) => member.type?.text ?? '').join(' ');
    assert.doesNotMatch(typeTexts, /\b(DisplayMode|Theme|HeadingLevel|Choice|Choices)\b/);
  });

  it('gives each event its detail type', () => {
    assert.deepEqual(
      element.events.map(({name}) => name),
      ['consent-ready', 'consent-change', 'consent-saved', 'consent-error'],
    );
    for (const event of element.events) assert.match(event.type?.text ?? '', /^CustomEvent<\{/);
  });

  it('documents the parts and every colour token with its default', () => {
    assert.ok(element.cssParts.some(({name}) => name === 'summary'));
    const tokens = Object.fromEntries(
      element.cssProperties.map(({name, ...rest}) => [name, rest.default]),
    );
    assert.equal(tokens['--pp-color-accent'], 'light-dark(#1a5fb4, #8ab4f8)');
    assert.equal(tokens['--pp-color-focus'], 'var(--pp-color-accent)');
  });
});
