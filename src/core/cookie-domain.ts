/**
 * Whether a page is one of the site's subdomains (`"cookieDomain"`): on its own, so that every
 * page can tell without loading what the subdomains share (core/shared-cookie.ts). DOM-free.
 */

/** The page's host is the cookie's domain, or one of its subdomains. */
export function isWithin(host: string, domain: string): boolean {
  const name = host.toLowerCase();
  return name === domain || name.endsWith(`.${domain}`);
}
