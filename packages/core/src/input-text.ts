import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { type FieldError, ProblemError } from './problem';

/**
 * Text PostgreSQL refuses (NUL) or would store altered (a lone UTF-16 surrogate becomes U+FFFD on
 * the way to UTF-8). Either would reach the database as a 500 or as silently changed data.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;
const MAX_REPORTED = 20;

/** Why the text cannot be stored, or undefined when it can. */
export function unstorableTextReason(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return found[0] === '\u0000'
    ? 'Contains a NUL character (U+0000), which cannot be stored.'
    : 'Contains a lone UTF-16 surrogate, which is not valid Unicode text.';
}

interface Visit {
  value: unknown;
  key?: string;
  parent?: Visit;
}

function pathOf(visit: Visit, key?: string): string {
  const keys: string[] = key === undefined ? [] : [key];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) keys.push(v.key);
  return keys.reverse().join('.') || '(root)';
}

/**
 * Every string (and object key) in a parsed JSON value that cannot be stored, with its path
 * (`lines.2.name`). Walks with an explicit stack and parent links: a deeply nested body must
 * neither overflow our stack nor cost a copy of its path per level.
 */
export function unstorableFields(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Visit[] = [{ value }];
  while (stack.length && errors.length < MAX_REPORTED) {
    const visit = stack.pop() as Visit;
    const current = visit.value;
    if (typeof current === 'string') {
      const message = unstorableTextReason(current);
      if (message) errors.push({ path: pathOf(visit), message });
    } else if (current && typeof current === 'object') {
      const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as readonly [string, unknown];
        const keyMessage = unstorableTextReason(key);
        if (keyMessage) errors.push({ path: pathOf(visit, key), message: `The field name: ${keyMessage}` });
        stack.push({ value: child, key, parent: visit });
      }
    }
  }
  return errors;
}

/** `param.id` for the path segment at `index` when the matched route names it, else `path`. */
function pathFieldName(c: Context, index: number): string {
  const segment = routePath(c, -1).split('/')[index];
  const name = segment?.startsWith(':') ? segment.slice(1).replace(/\{.*$/, '').replace(/\?$/, '') : '';
  return name ? `param.${name}` : 'path';
}

function queryAndPathErrors(c: Context): FieldError[] {
  const errors: FieldError[] = [];
  c.req.path.split('/').forEach((segment, index) => {
    const message = unstorableTextReason(segment);
    if (message) errors.push({ path: pathFieldName(c, index), message });
  });
  for (const [key, values] of Object.entries(c.req.queries())) {
    const message = unstorableTextReason(key) ?? values.map(unstorableTextReason).find(Boolean);
    if (message) errors.push({ path: `query.${key}`, message });
  }
  return errors;
}

/**
 * Refuses text no service can store, for every route of every service, before any route sees it:
 * 400 naming the path parameter or query field, 422 naming the JSON body field. Only a URL with an
 * encoded NUL (`%00`) is inspected further (a raw NUL or invalid UTF-8 never decodes to one), and
 * only JSON bodies are parsed — once, the routes' validators reuse the parse.
 */
export function refuseUnstorableText(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.url.includes('%00')) {
      const errors = queryAndPathErrors(c);
      if (errors.length)
        throw new ProblemError(400, 'The request URL contains text that cannot be stored.', { errors });
    }
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
      if (JSON_MEDIA.test(mediaType)) {
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return next(); // not JSON: the route's validator answers that
        }
        const errors = unstorableFields(body);
        if (errors.length)
          throw new ProblemError(422, 'The request body contains text that cannot be stored.', { errors });
      }
    }
    return next();
  };
}
