/**
 * What the `StaticSite` uploads: the Angular build (`web/dist/web/browser`), or a placeholder page
 * when there is none yet (offline synthesis, tests), plus the runtime `config.json` the SPA reads
 * at start. The API's URL is filled into `config.json` at deploy (StaticSite `replaceValues`), so
 * it is never baked into the hashed bundles and one build serves every stage.
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const API_URL_TOKEN = '{{ KONECTA_API_URL }}';
export const WEB_BUILD_DIR = 'web/dist/web/browser';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Konecta ERP</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Konecta ERP</h1>
<p>The web app was not built when this stage was deployed. The API is at <a href="/api/auth/health">/api</a>.</p>
</main></body></html>
`;

export interface PreparedSite {
  /** Folder the StaticSite uploads (relative paths inside it are the site's paths). */
  path: string;
  placeholder: boolean;
}

/**
 * Copies the web build into `<sstDir>/site/<stage>` with a `config.json` beside it. Outside
 * tests, builds the web app first when it exists and has not been built.
 */
export function prepareSite(root: string, sstDir: string, stage: string, options: { build: boolean }): PreparedSite {
  const built = join(root, WEB_BUILD_DIR);
  const webPackage = join(root, 'web', 'package.json');
  if (!existsSync(join(built, 'index.html')) && options.build && existsSync(webPackage)) {
    const scripts = (JSON.parse(readFileSync(webPackage, 'utf8')) as { scripts?: Record<string, string> }).scripts;
    if (scripts?.build) execSync('npm run build', { cwd: join(root, 'web'), stdio: 'inherit' });
  }
  const out = join(sstDir, 'site', stage);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const placeholder = !existsSync(join(built, 'index.html'));
  if (placeholder) writeFileSync(join(out, 'index.html'), PLACEHOLDER);
  else cpSync(built, out, { recursive: true });
  // Same origin by default: CloudFront sends /api/* to the API, so the SPA needs no base URL.
  const config = { apiBaseUrl: '', apiUrl: API_URL_TOKEN, stage };
  writeFileSync(join(out, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return { path: out, placeholder };
}
