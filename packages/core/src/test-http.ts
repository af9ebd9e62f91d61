/**
 * HTTP helpers for service test suites: requests against a service's app under its API prefix,
 * and assertions on RFC 9457 problems and JSON answers. Test code only (it imports vitest).
 */
import { expect } from 'vitest';
import { json } from './testing';

/** A problem response body as the kernel writes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

interface RequestTarget {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * `app.request` against `prefix` (e.g. `/api/hr`), with a bearer token when given and a body:
 * JSON for objects, sent as is for strings (with `contentType`, e.g. `text/csv`).
 */
export function serviceRequester(app: RequestTarget, prefix: string) {
  const send = async (method: string, path: string, token?: string, body?: unknown, contentType = 'application/json') =>
    app.request(`${prefix}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    get: (path: string, token?: string) => send('GET', path, token),
    post: (path: string, token?: string, body?: unknown, contentType?: string) =>
      send('POST', path, token, body, contentType),
    patch: (path: string, token?: string, body?: unknown) => send('PATCH', path, token, body),
    del: (path: string, token?: string) => send('DELETE', path, token),
  };
}

/** Asserts an RFC 9457 problem response with this status and returns its body. */
export async function expectProblem(res: Response, status: number): Promise<Problem> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await json<Problem>(res);
  expect(body).toMatchObject({ status, title: expect.any(String) });
  expect(body.requestId).toBeTruthy();
  return body;
}

/** Asserts a JSON response with this status and returns its body. */
export async function expectJson<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return json<T>(res);
}

/** The paths of a validation problem's failing fields. */
export const errorPaths = (problem: Problem) => (problem.errors ?? []).map((e) => e.path);
