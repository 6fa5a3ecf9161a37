// A Next.js App Router root layout (Next.js 15+), a server component, that puts the banner into
// the server's HTML: it paints with the page's first frame, and the element takes it over once
// its script runs. A customer who has decided (the decided cookie) gets pages without it. The
// element is plain HTML here, its configuration inline: nothing of it needs hydrating.
import type {ReactNode} from 'react';
import {headers} from 'next/headers';
import {configScript, renderBanner} from 'privacy-preferences/server';
import type {} from 'privacy-preferences/react'; // types <privacy-preferences> in JSX
import {config} from '../../shop-config';

export default async function RootLayout({children}: {children: ReactNode}) {
  const request = await headers();
  // The language the element will read (its `locale`): it then keeps the server's banner.
  const banner = renderBanner(config, {
    locale: 'en',
    cookie: request.get('cookie'),
    modules: '/privacy-preferences/', // where public/ serves the package's dist/ files
  });
  return (
    <html lang="en">
      <head>
        {/* The package's dist/, copied to public/privacy-preferences/ as one folder (its
            modules load each other from there). */}
        <script type="module" src="/privacy-preferences/privacy-preferences.js" />
      </head>
      <body>
        {children}
        <footer>
          <a href="/privacy" data-privacy-preferences-open>
            Privacy choices
          </a>
        </footer>
        <privacy-preferences
          mode="banner"
          locale="en"
          endpoint="/api/consent"
          dangerouslySetInnerHTML={{__html: configScript(config) + banner}}
        />
      </body>
    </html>
  );
}
