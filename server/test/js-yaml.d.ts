// js-yaml ships no types, and @types/js-yaml would be one more package for one call: this is
// the call the tests make. `unknown`, because what a YAML file holds is checked, not assumed.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
