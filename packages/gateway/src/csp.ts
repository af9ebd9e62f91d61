import { createHash } from 'node:crypto';

/**
 * Content-Security-Policy for the pages the gateway serves. Scripts only from this origin, plus the
 * exact inline code the page itself carries (by hash); styles may be inline, since Angular and
 * Swagger UI add `<style>` elements at run time; no plugins, no framing, no foreign connections.
 */
function policy(scriptSources: string[]): string {
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptSources].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For a page without inline script (the docs page, files other than the app's index). */
export const STRICT_POLICY = policy([]);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const decodeAttribute = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The policy for an HTML page: the hashes of its inline `<script>` blocks and of its inline event
 * handlers (the production build loads its stylesheet with `onload="this.media='all'"`, which needs
 * `'unsafe-hashes'` with exactly that handler's hash, and nothing more).
 */
export function policyForPage(html: string): string {
  const sources = new Set<string>();
  for (const [, content] of html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (content?.trim()) sources.add(sha256(content));
  }
  let handlers = false;
  for (const [, , double, single] of html.matchAll(/\son[a-z]+\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    sources.add(sha256(decodeAttribute(double ?? single ?? '')));
    handlers = true;
  }
  return policy(handlers ? ["'unsafe-hashes'", ...sources] : [...sources]);
}
