// A React 19 app (server-rendered, then hydrated) using the React component.
import {useRef, useState} from 'react';
import {PrivacyPreferences, type PrivacyPreferencesElement} from 'privacy-preferences/react';
import {config} from '../shop-config.js';

export function App() {
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
    </main>
  );
}
