/**
 * RFC 9457 problem details: every error any service answers has this shape and the
 * `application/problem+json` media type.
 */
export interface FieldError {
  /** JSON path of the failing input, e.g. `lines.2.amount` or `query.limit`. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Thrown anywhere in a request; the app turns it into a problem response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    detail?: string,
    readonly extra: {
      title?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      [k: string]: unknown;
    } = {},
  ) {
    super(detail ?? statusTitles[status] ?? 'Error');
    this.name = 'ProblemError';
  }

  get detail(): string {
    return this.message;
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new ProblemError(400, detail, { errors });
export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new ProblemError(401, detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
export const forbidden = (detail = 'You do not have permission to do this.') => new ProblemError(403, detail);
export const notFound = (detail = 'The resource does not exist.') => new ProblemError(404, detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) => new ProblemError(409, detail, extra);
export const unprocessable = (detail: string, errors?: FieldError[]) => new ProblemError(422, detail, { errors });

export function problemBody(
  status: number,
  detail: string | undefined,
  extra: Omit<ProblemBody, 'type' | 'title' | 'status'> & { title?: string } = {},
): ProblemBody {
  const { title, ...rest } = extra;
  const body: ProblemBody = {
    type: 'about:blank',
    title: title ?? statusTitles[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...rest,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
