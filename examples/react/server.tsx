import {renderToString} from 'react-dom/server';
import {configScript, renderBanner} from 'privacy-preferences/server';
import {config} from '../shop-config.js';
import {App} from './App.js';

/**
 * The page's HTML as a server renders it (Next.js-style), before the client hydrates it: the
 * app, and the props it was rendered with, which the client hydrates with (Next.js sends them
 * in its payload).
 */
export function render(cookie?: string): {app: string; props: string} {
  const banner = configScript(config) + renderBanner(config, {locale: 'en', cookie});
  return {
    app: renderToString(<App banner={banner} />),
    props: JSON.stringify({banner}).replace(/</g, '\\u003c'),
  };
}
