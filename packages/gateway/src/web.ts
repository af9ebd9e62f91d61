import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type AppEnv, badRequest, notFound } from '@konecta/core';
import type { Context } from 'hono';
import { policyForPage, STRICT_POLICY } from './csp';

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

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.webmanifest']);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
type Encoding = 'br' | 'gzip';

/** The encoding to answer with: brotli, else gzip, as the client accepts them. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number.parseFloat(q.split('=')[1] ?? '1') > 0)
    .map(([name]) => name?.toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compressed copies of the app's text files, made once per file version (the build never changes
 * a hashed file; others are keyed by their modification time).
 */
function compressedFiles() {
  const cache = new Map<string, Promise<Buffer>>();
  return (file: string, mtimeMs: number, encoding: Encoding) => {
    const key = `${encoding}:${mtimeMs}:${file}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = readFile(file).then((content) =>
        encoding === 'br'
          ? brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
          : gzipAsync(content, { level: 9 }),
      );
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}

/**
 * Serves the built web app: files as they are (hashed bundles cached for a year), and
 * `index.html` for any other GET that is a page navigation, so deep links work. API, docs and
 * health paths never fall back to the page, and a missing file (a path with an extension) is 404.
 */
export function webHandler(webRoot: string) {
  const indexPath = join(webRoot, 'index.html');
  const compressed = compressedFiles();
  let page: { html: string; policy: string } | undefined;
  const policyFor = (html: string) => {
    if (page?.html !== html) page = { html, policy: policyForPage(html) };
    return page.policy;
  };
  return async (c: Context<AppEnv>) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return undefined;
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      throw badRequest('The path is not valid percent-encoding.');
    }
    if (/^\/(api|docs)(\/|$)/.test(path)) return undefined;
    const built = existsSync(indexPath);
    if (!built) return path === '/' ? c.html(landing, 200, { 'content-security-policy': STRICT_POLICY }) : undefined;
    const file = normalize(join(webRoot, path));
    const inside = !relative(webRoot, file).startsWith(`..${sep}`) && file !== webRoot;
    if (inside && extname(file)) {
      // One stat per request; the file is read only when no compressed copy of this version exists.
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw notFound(`No file ${path}.`);
      const hashed = /[.-][0-9A-Za-z]{8,}\.(js|css|woff2?)$/.test(file);
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        // Matters for files a browser can open as documents (an SVG can carry script).
        'content-security-policy': STRICT_POLICY,
      };
      const encoding = COMPRESSIBLE.has(extname(file)) ? preferredEncoding(c.req.header('accept-encoding')) : undefined;
      if (!encoding || info.size < 1024) return c.body(await readFile(file), 200, headers);
      const body = await compressed(file, info.mtimeMs, encoding);
      return c.body(new Uint8Array(body), 200, { ...headers, 'content-encoding': encoding, vary: 'Accept-Encoding' });
    }
    const html = await readFile(indexPath, 'utf8');
    return c.html(html, 200, { 'cache-control': 'no-cache', 'content-security-policy': policyFor(html) });
  };
}
