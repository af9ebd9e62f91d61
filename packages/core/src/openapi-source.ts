import type { ServiceRouter } from './http';

/**
 * Where a service's `/openapi.json` comes from. Under Node (npm start, tests, containers) the
 * generator is imported on the first request for the document. A Lambda bundle replaces this
 * module with `openapi-file.ts` (the `openapiFromFile` esbuild plugin of ./build/bundle.ts),
 * which reads the document written beside the bundle at build time, so no generator code and no
 * JSON Schema conversion ships in a function.
 */
export async function openApiDocumentOf(app: ServiceRouter): Promise<unknown> {
  const { openApiDocument } = await import('./openapi');
  return openApiDocument(app);
}
