// The bare React app: React 19 and react-dom mounting a root that renders nothing. What a site
// built with React ships before any consent tool; the React peers' bytes beyond it are theirs.
import {createRoot} from 'react-dom/client';

createRoot(document.getElementById('consent-root')).render(null);
