import * as z from '@konecta/core/z';

/**
 * A decimal string schema (never negative) with at most `scale` decimals: a module of its own, so
 * that payments' schemas use it without bringing the documents' schemas into their functions.
 */
export const decimal = (example: string, scale: number, message: string) =>
  z.openapi(z.string().check(z.regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${scale}})?$`), message)), { example });
