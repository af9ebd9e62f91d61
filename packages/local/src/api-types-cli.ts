import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { driftedFiles, generateApiTypes } from './api-types';

/** `npm run api:types` writes the web app's API types; `npm run api:types -- --check` only compares. */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const files = await generateApiTypes();
const drifted = driftedFiles(root, files);
if (process.argv.includes('--check')) {
  if (drifted.length) {
    console.error(`The web app's API types differ from the services' OpenAPI documents:`);
    for (const path of drifted) console.error(`  ${path}`);
    console.error('Run `npm run api:types` and commit the result.');
    process.exit(1);
  }
  console.log(`${files.size} API type files match the services' OpenAPI documents.`);
} else {
  for (const path of drifted) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), files.get(path) ?? '');
  }
  console.log(`${drifted.length} of ${files.size} API type files written.`);
}
