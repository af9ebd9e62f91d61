import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { type AppEnv, notFound } from '@konecta/core';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const landing = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Konecta ERP</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Konecta ERP</h1>
<p>The gateway is running. The web app has not been built in this checkout.</p>
<ul><li><a href="/health">Service health</a></li><li><a href="/docs">API documentation</a></li></ul>
</body></html>`;

/**
 * Serves the built web app: files as they are (hashed bundles cached for a year), and
 * `index.html` for any other GET that is a page navigation, so deep links work. API, docs and
 * health paths never fall back to the page, and a missing file (a path with an extension) is 404.
 */
export function webHandler(webRoot: string) {
  const indexPath = join(webRoot, 'index.html');
  return async (c: Context<AppEnv>) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return undefined;
    const path = decodeURIComponent(c.req.path);
    if (/^\/(api|docs)(\/|$)/.test(path)) return undefined;
    const built = existsSync(indexPath);
    if (!built) return path === '/' ? c.html(landing) : undefined;
    const file = normalize(join(webRoot, path));
    const inside = !relative(webRoot, file).startsWith(`..${sep}`) && file !== webRoot;
    if (inside && extname(file)) {
      const content = await readFile(file).catch(() => undefined);
      if (!content) throw notFound(`No file ${path}.`);
      const hashed = /[.-][0-9A-Za-z]{8,}\.(js|css|woff2?)$/.test(file);
      return c.body(content, 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    return c.html(await readFile(indexPath, 'utf8'), 200, { 'cache-control': 'no-cache' });
  };
}
