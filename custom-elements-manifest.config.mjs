// The Custom Elements Manifest (`dist/custom-elements.json`) describes what a site owner and a
// designer use, nothing else: the element as the shipped entry exports it, its attributes with
// their properties, public members, events with their `detail` types, CSS parts and tokens.
// Storybook's docs and controls are built from it.
const ENTRY = 'dist/privacy-preferences.js';
const TAG = 'privacy-preferences';

export default {
  globs: [
    'src/privacy-preferences.ts',
    'src/element/privacy-preferences-element.ts',
    'src/attributes.ts',
    'src/core/patterns.ts',
  ],
  outdir: 'dist',
  plugins: [publicSurface()],
};

function publicSurface() {
  /** Type aliases that are unions of string literals, by name: expanded where they are used. */
  const unions = new Map();
  return {
    name: 'privacy-preferences-public-surface',
    analyzePhase({ts, node}) {
      if (!ts.isTypeAliasDeclaration(node) || !ts.isUnionTypeNode(node.type)) return;
      const members = node.type.types;
      if (
        members.every(
          (member) => ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal),
        )
      )
        unions.set(node.name.text, members.map((member) => `'${member.literal.text}'`).join(' | '));
    },
    packageLinkPhase({customElementsManifest}) {
      const expand = (type) =>
        type && {
          ...type,
          text: unions.has(type.text)
            ? unions.get(type.text)
            : type.text.replace(/\b[A-Z]\w*\b/g, (name) =>
                unions.has(name) ? `(${unions.get(name)})` : name,
              ),
        };
      const element = customElementsManifest.modules
        .flatMap((module) => module.declarations ?? [])
        .find((declaration) => declaration.tagName === TAG);
      if (!element) throw new Error(`no <${TAG}> in the manifest`);
      element.members = element.members
        .filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'))
        .filter((member) => !member.static)
        .map((member) => ({
          ...member,
          ...(member.type && {type: expand(member.type)}),
          ...(member.return && {return: {...member.return, type: expand(member.return.type)}}),
          ...(member.parameters && {
            parameters: member.parameters.map((parameter) => ({
              ...parameter,
              type: expand(parameter.type),
            })),
          }),
        }));
      // One entry per attribute: the documented one (with its property), not the bare
      // observedAttributes name.
      const attributes = new Map();
      for (const attribute of element.attributes ?? [])
        if (attribute.fieldName || !attributes.has(attribute.name))
          attributes.set(attribute.name, {...attribute, type: expand(attribute.type)});
      element.attributes = [...attributes.values()];
      const declaration = {name: element.name, module: ENTRY};
      customElementsManifest.modules = [
        {
          kind: 'javascript-module',
          path: ENTRY,
          declarations: [element],
          exports: [
            {kind: 'js', name: element.name, declaration},
            {kind: 'custom-element-definition', name: TAG, declaration},
          ],
        },
      ];
    },
  };
}
