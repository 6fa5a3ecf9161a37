// A React 19 app (server-rendered, then hydrated) using the React component for a center the
// app opens, and the banner as the server rendered it (`renderBanner`, server.tsx): the bare
// tag with its attributes and inline configuration, as Next.js' App Router layout does
// (examples/nextjs/), so that it is complete in the server's HTML.
import {useRef, useState} from 'react';
import {PrivacyPreferences, type PrivacyPreferencesElement} from 'privacy-preferences/react';
import {config} from '../shop-config.js';

/**
 * `banner`: what the server put inside the banner element (`configScript` and `renderBanner`),
 * passed to the client as the server rendered it.
 */
export function App({banner}: {banner: string}) {
  const center = useRef<PrivacyPreferencesElement>(null);
  const [changes, setChanges] = useState<string[]>([]);
  return (
    <main>
      <button type="button" onClick={() => center.current?.open()}>
        Privacy choices
      </button>
      <PrivacyPreferences
        ref={center}
        mode="modal"
        locale="en"
        config={config}
        onConsentChange={(event) =>
          setChanges((seen) => [
            ...seen,
            `${event.detail.method} ${event.detail.changed.join(',')}`,
          ])
        }
      />
      <output id="changes">{changes.join('; ')}</output>
      {/* The declarative shadow root is consumed as the page is parsed: React leaves it alone. */}
      <privacy-preferences
        mode="banner"
        locale="en"
        dangerouslySetInnerHTML={{__html: banner}}
        suppressHydrationWarning
      />
    </main>
  );
}
