import * as z from 'zod/mini';

/**
 * What a schema says about itself in the OpenAPI document: `id` names it as a component
 * (`#/components/schemas/<id>`); anything else (`description`, `example`, `format`, …) is written
 * into its JSON Schema as is.
 */
export interface OpenApiMeta {
  id?: string;
  description?: string;
  example?: unknown;
  [key: string]: unknown;
}

/** The metadata of the route schemas, read only by the build-time document generator. */
export const openApiRegistry = z.registry<OpenApiMeta>();

/**
 * A copy of `schema` with OpenAPI metadata: a name (`z.openapi(schema, 'LeaveRequest')`) or
 * fields (`z.openapi(schema, { description })`), merged over what the schema already had.
 * Validation is unchanged; at run time this is one clone and one WeakMap entry.
 */
export function openapi<T extends z.core.$ZodType>(schema: T, meta: string | OpenApiMeta, more?: OpenApiMeta): T {
  const given = typeof meta === 'string' ? { ...more, id: meta } : meta;
  const { param: _param, ...fields } = given as OpenApiMeta & { param?: unknown };
  const copy = z.clone(schema) as T;
  const inherited = openApiRegistry.get(schema);
  // A name belongs to the schema it was given to, not to copies documented further.
  const { id: _id, ...kept } = inherited ?? {};
  openApiRegistry.add(copy, { ...kept, ...fields });
  return copy;
}
