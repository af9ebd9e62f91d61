// Prints what a first visit downloads (index.html and the files it loads before the app starts),
// raw and compressed as the gateway and CloudFront serve them, and fails over the 250 KB budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET = 250 * 1000;
const root = new URL('./dist/web/browser/', import.meta.url).pathname;
const index = readFileSync(join(root, 'index.html'), 'utf8');
// index.html's scripts and styles, then every module they import statically (not `import()`).
const files = ['index.html', ...[...index.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1])];
const staticImport = /(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.\/[^"']+\.js)["']/g;
for (let i = 0; i < files.length; i++) {
  const file = files[i];
  if (!file.endsWith('.js')) continue;
  for (const m of readFileSync(join(root, file), 'utf8').matchAll(staticImport)) {
    const dep = m[1].slice(2);
    if (!files.includes(dep)) files.push(dep);
  }
}
const unique = files.filter((f, i, all) => all.indexOf(f) === i);
let raw = 0;
let gzip = 0;
let brotli = 0;
for (const file of unique) {
  const content = readFileSync(join(root, file));
  raw += content.length;
  gzip += gzipSync(content, { level: 9 }).length;
  brotli += brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
}
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(
  `Initial download (${unique.length} files): ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(BUDGET)} compressed)`,
);
if (gzip > BUDGET) {
  console.error('The initial download is over budget.');
  process.exit(1);
}
