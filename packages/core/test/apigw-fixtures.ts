import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpApiEvent as LambdaEvent } from '../src/lambda-http';

/** Recorded-shape API Gateway HTTP API (payload 2.0) events, one request each. */
export const fixturesDir = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'apigw-v2');

/** The subset of a payload 2.0 event the tests read. */
export interface HttpApiEvent {
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string; path: string } };
}

/** Loads a fixture, putting a real token where it says `{{token}}`. */
export async function loadFixture(name: string, token = ''): Promise<HttpApiEvent> {
  const text = await readFile(join(fixturesDir, name), 'utf8');
  return JSON.parse(text.replaceAll('{{token}}', token)) as HttpApiEvent;
}

export const asLambdaEvent = (event: HttpApiEvent) => event as unknown as LambdaEvent;
