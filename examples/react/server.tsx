import {renderToString} from 'react-dom/server';
import {App} from './App.js';

/** The page's HTML as a server renders it (Next.js-style), before the client hydrates it. */
export const render = (): string => renderToString(<App />);
