/**
 * The OpenAPI 3.1 document of a service, from its declared routes (`./routes.ts`) and their zod
 * schemas: one source for validation and documentation. Build-time code: `npm run bundle` writes
 * it beside each Lambda bundle, `npm run api:types` turns it into the web app's types, and under
 * Node `/openapi.json` imports this on first request. Never imported statically by a service.
 */
import type { ServiceRouter } from './http';
import type { RouteConfig } from './routes';
import * as z from './z';

type Json = Record<string, unknown>;
type Schema = z.core.$ZodType;

const REF = /#\/\$defs\//g;

/** Where JSON Schema and the documents before differ in spelling only: a literal is a one-value enum. */
function openApiShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(openApiShape);
  if (value === null || typeof value !== 'object') return value;
  const { anyOf, ...rest } = value as Json & { anyOf?: Json[] };
  // `X or null` as OpenAPI 3.1 writes it, `type: [X, 'null']`, keeping X's format and limits.
  if (anyOf?.length === 2) {
    const isNull = (s: Json) => s.type === 'null' && Object.keys(s).length === 1;
    const other = anyOf.find((s) => !isNull(s));
    if (other && anyOf.some(isNull) && typeof other.type === 'string' && !other.$ref)
      return openApiShape({ ...other, ...rest, type: [other.type, 'null'] });
  }
  // A record over an enum's values has every one of them (zod checks it): name them.
  const { propertyNames, additionalProperties, ...others } = value as Json;
  const keys = (propertyNames as { enum?: unknown[] } | undefined)?.enum;
  if (keys && additionalProperties && typeof additionalProperties === 'object') {
    const names = keys.map(String);
    return openApiShape({
      ...others,
      properties: Object.fromEntries(names.map((k) => [k, additionalProperties])),
      required: names,
    });
  }
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'const') out.enum = [v];
    else out[key] = openApiShape(v);
  }
  return out;
}

export function openApiDocument(app: ServiceRouter): Json {
  const components: Record<string, Json> = {};
  const convert = (schema: Schema, io: 'input' | 'output'): Json => {
    // Wrapped, so a named schema at the top is a $ref to its component like any other.
    const wrapped = z.object({ value: schema });
    const json = z.toJSONSchema(wrapped, {
      metadata: z.openApiRegistry,
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as unknown as Json & { $defs?: Record<string, Json>; properties: { value: Json } };
    const text = (v: unknown) =>
      openApiShape(JSON.parse(JSON.stringify(v).replace(REF, '#/components/schemas/'))) as Json;
    for (const [name, def] of Object.entries(json.$defs ?? {})) components[name] ??= text(def);
    return text(json.properties.value);
  };
  const parameters = (schema: Schema | undefined, where: 'path' | 'query' | 'header') => {
    if (!schema) return [];
    const shape = (schema as unknown as { _zod: { def: { shape?: Record<string, Schema> } } })._zod.def.shape ?? {};
    return Object.entries(shape).map(([name, field]) => {
      const json = convert(field, 'input');
      const { description, ...rest } = json;
      const optin = (field as unknown as { _zod: { optin?: string } })._zod.optin;
      const optional = optin === 'optional' || optin === 'defaulted';
      return {
        schema: rest,
        required: where === 'path' || !optional,
        ...(description ? { description } : {}),
        name,
        in: where,
      };
    });
  };
  const content = (media: NonNullable<RouteConfig['responses'][number]['content']>, io: 'input' | 'output') =>
    Object.fromEntries(
      Object.entries(media).map(([type, { schema, ...rest }]) => [type, { ...rest, schema: convert(schema, io) }]),
    );

  const paths: Record<string, Json> = {};
  for (const { route, path } of app.definitions) {
    const request = route.request;
    // Converted responses first, then the body, then the parameters: the order the documents
    // were made in before, so the named components come out in the same order.
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(r.headers ? { headers: r.headers } : {}),
          ...(r.content ? { content: content(r.content, 'output') } : {}),
        },
      ]),
    );
    const requestBody = request?.body
      ? {
          ...(request.body.description ? { description: request.body.description } : {}),
          ...(request.body.required ? { required: true } : {}),
          content: content(request.body.content, 'input'),
        }
      : undefined;
    const params = [
      ...parameters(request?.params, 'path'),
      ...parameters(request?.query, 'query'),
      ...parameters(request?.headers, 'header'),
    ];
    const operation: Json = {
      ...(route.tags ? { tags: route.tags } : {}),
      ...(route.summary ? { summary: route.summary } : {}),
      ...(route.description ? { description: route.description } : {}),
      ...(route.operationId ? { operationId: route.operationId } : {}),
      ...(route.deprecated ? { deprecated: true } : {}),
      ...(route.security ? { security: route.security } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
    const key = path.replaceAll(/:([^/]+)/g, '{$1}');
    paths[key] = { ...paths[key], [route.method]: operation };
  }
  const info = app.documentInfo ?? { title: 'Konecta ERP', version: '0.1.0' };
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description ? { description: info.description } : {}) },
    components: {
      schemas: components,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      parameters: {},
    },
    paths,
    webhooks: {},
  };
}
