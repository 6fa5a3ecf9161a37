import {hydrateRoot} from 'react-dom/client';
import {App} from './App.js';

// The props the server rendered with (server.tsx).
const {banner} = JSON.parse(document.getElementById('app-props')!.textContent!) as {
  banner: string;
};
hydrateRoot(document.getElementById('root')!, <App banner={banner} />);
