// `node --import` this before tachometer: the bare specifier `chromedriver` then resolves to the
// stand-in beside this file (an ES module import does not read NODE_PATH, which serves
// tachometer's other check, a `require.resolve` in a child process).
import {register} from 'node:module';

const shim = new URL('./chromedriver/index.js', import.meta.url).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export function resolve(specifier, context, next) {
        return specifier === 'chromedriver'
          ? {url: ${JSON.stringify(shim)}, shortCircuit: true}
          : next(specifier, context);
      }`,
    ),
);
