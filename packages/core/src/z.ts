/**
 * The kernel's `z`: zod v4's tree-shakable functional build (`zod/mini`) plus `z.openapi(schema,
 * meta)`, which names a schema in the OpenAPI document or documents it. Everyone outside the
 * kernel imports it as `import { z } from '@konecta/core'` (docs/decisions.md, "zod comes only
 * from the kernel"); inside the kernel `import * as z from './z'`.
 */

import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini starts without messages ("Invalid input" for everything); the classic build set
// English at import. Problems name the field and say what is wrong, so English it is, once.
config(en());

export * from 'zod/mini';
export { type OpenApiMeta, openApiRegistry, openapi } from './openapi-meta';
