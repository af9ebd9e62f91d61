import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type AppEnv, catalogue, domainServices, notFound } from '@konecta/core';
import { Hono } from 'hono';
import { STRICT_POLICY } from './csp';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

function assetsDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return undefined;
  }
}

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Konecta ERP — API docs</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

/** The document of every service, for the docs page's selector. */
export const serviceDocs = domainServices.map((name) => ({
  name: catalogue[name].title,
  url: `${catalogue[name].prefix}/openapi.json`,
}));

const init = `SwaggerUIBundle({
  urls: ${JSON.stringify(serviceDocs)},
  dom_id: '#docs',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  validatorUrl: null
});`;

/**
 * `/docs`: Swagger UI over every service's OpenAPI document, from the swagger-ui-dist package
 * (served locally, no CDN, so it works offline).
 */
export function docsRoutes(): Hono<AppEnv> {
  const dir = assetsDir();
  const docs = new Hono<AppEnv>();
  // The page has no inline script (init.js is a file) and loads nothing from elsewhere; with no
  // validator (it would load a badge from validator.swagger.io), the strict policy holds.
  docs.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', STRICT_POLICY);
  });
  docs.get('/', (c) => c.html(page));
  docs.get('/services.json', (c) => c.json(serviceDocs));
  docs.get('/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  docs.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type || !dir) throw notFound(`No documentation asset "${file}".`);
    const content = await readFile(join(dir, file));
    return c.body(content, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  return docs;
}
