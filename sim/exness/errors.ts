/** The platform's error bodies are flat: `{"error": "..."}`, sometimes with `"message"` too. */
export interface ErrorBody {
  error: string;
  message?: string;
}

export interface Failure {
  status: number;
  body: ErrorBody;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail(failure: Failure): { ok: false; failure: Failure } {
  return { ok: false, failure };
}

export const noToken = (): Failure => ({ status: 401, body: { error: 'Access denied. No token provided.' } });
export const invalidToken = (): Failure => ({ status: 401, body: { error: 'Invalid token.' } });
export const missingParameters = (names: readonly string[]): Failure => ({
  status: 400,
  body: { error: `Missing required parameters: ${names.join(', ')}` },
});
export const orderNotOpen = (): Failure => ({
  status: 400,
  body: { error: 'Order not found or already closed', message: 'Order not found or already closed' },
});
export const orderIdMismatch = (): Failure => ({ status: 400, body: { error: 'Order ID mismatch' } });
export const invalidParameter = (message: string): Failure => ({ status: 400, body: { error: message } });
export const invalidJson = (): Failure => ({ status: 400, body: { error: 'Invalid JSON body' } });
export const bodyTooLarge = (): Failure => ({ status: 413, body: { error: 'request entity too large' } });
export const rateLimited = (): Failure => ({ status: 429, body: { error: 'Too many requests, please try again later.' } });
export const internalError = (): Failure => ({ status: 500, body: { error: 'Internal server error' } });
/** The API gave up waiting for the engine; the engine may still act on the request afterwards. */
export const engineTimeout = (): Failure => ({ status: 500, body: { error: 'Internal server error', message: 'Engine response timeout' } });
export const createTimeout = (): Failure => ({ status: 408, body: { error: 'Request timeout', message: 'Engine response timeout' } });
