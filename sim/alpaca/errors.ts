import type { AlpacaErrorBody } from './types';

/** An answer the simulator refuses with: the HTTP status and Alpaca's error body ({code, message, ...details}). */
export interface Failure {
  status: number;
  body: AlpacaErrorBody;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail(failure: Failure): { ok: false; failure: Failure } {
  return { ok: false, failure };
}

// Alpaca's codes are the HTTP status followed by a five-digit suffix.
export const unauthorized = (): Failure => ({ status: 401, body: { code: 40110000, message: 'request is not authorized' } });
export const notFound = (message: string): Failure => ({ status: 404, body: { code: 40410000, message } });
export const unprocessable = (message: string): Failure => ({ status: 422, body: { code: 42210000, message } });
export const rateLimited = (): Failure => ({ status: 429, body: { code: 42910000, message: 'rate limit exceeded' } });
export const internalError = (): Failure => ({ status: 500, body: { code: 50010000, message: 'internal server error' } });
export const methodNotAllowed = (): Failure => ({ status: 405, body: { code: 40510000, message: 'method not allowed' } });
export const routeNotFound = (): Failure => ({ status: 404, body: { code: 40410000, message: 'endpoint not found' } });

export const accountNotFound = (): Failure => notFound('account not found');

export function insufficientQty(existingQty: string, heldForOrders: string, available: string): Failure {
  return {
    status: 403,
    body: {
      code: 40310000,
      message: 'insufficient qty available for order',
      existing_qty: existingQty,
      held_for_orders: heldForOrders,
      available,
    },
  };
}
