export * from './audit';
export * from './auth';
export * from './calendar';
export * from './catalogue';
export * from './client-address';
export * from './compact-rows';
export * from './config';
export * from './contracts/define-event';
export * from './contracts/events';
export * from './contracts/notifications';
export * from './crypto';
export * from './currencies';
export * from './database';
export * from './db-errors';
export {
  addDecimals,
  compareDecimals,
  type Decimal,
  DecimalError,
  type DecimalInputOptions,
  type DecimalLike,
  decimalInput,
  formatDecimal,
  formatUnits,
  multiplyDecimals,
  parseDecimal,
  type Rounding,
  roundDecimal,
  type SignConstraint,
  subtractDecimals,
  toDecimal,
} from './decimal';
export { SECURITY_HEADERS } from './edge';
export * from './events';
export * from './files';
export * from './guards';
export * from './http';
export * from './input-text';
export * from './lease';
export * from './lists';
export * from './logger';
export * from './money';
export * from './permissions';
export * from './problem';
export * from './request-context';
export * from './retry';
export { createRoute, type RouteConfig, type RouteInput } from './routes';
export * from './schemas';
export * from './secrets';
export * from './service';
export * from './service-api';
export * from './service-client';
export * from './service-credentials';
export * from './system-actor';
export * from './transaction';
export * from './upload-grant';
// `z` is imported from '@konecta/core/z' (`import * as z`): re-exported from here as a namespace,
// esbuild would have to keep every export of zod/mini in every bundle.
