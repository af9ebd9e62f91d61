import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `openapi-source.ts` inside a Lambda bundle: the document made at build time, `openapi.json`
 * beside the function's code (`LAMBDA_TASK_ROOT` deployed, the bundle's folder elsewhere).
 */
export async function openApiDocumentOf(_app: unknown): Promise<unknown> {
  const dir = process.env.LAMBDA_TASK_ROOT ?? dirname(fileURLToPath(import.meta.url));
  return JSON.parse(await readFile(join(dir, 'openapi.json'), 'utf8'));
}
