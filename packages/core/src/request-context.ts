import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from './auth';

/** Per-request facts that deep code (audit, events) needs without threading them everywhere. */
export interface RequestContext {
  requestId: string;
  service: string;
  caller?: Caller;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return requestContext.getStore();
}
