/** ScaleTrade's error body is exactly `{"error": CODE, "message"?: text}`. */
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

const failure = (status: number, error: string, message?: string): Failure => ({
  status,
  body: message === undefined ? { error } : { error, message },
});

export const invalidData = (message: string): Failure => failure(400, 'INVALID_DATA', message);
export const invalidUser = (): Failure => failure(400, 'INVALID_USER', 'Account is not available');
export const permissionDenied = (message: string): Failure => failure(401, 'PERMISSION_DENIED', message);
export const userDisabled = (): Failure => failure(402, 'USER_DISABLED', 'User is disabled');
export const userNotFoundOrIncorrect = (): Failure => failure(403, 'USER_NOT_FOUND_OR_INCORRECT', 'User not found or password is incorrect');
export const tradeNotFound = (order: number): Failure => failure(404, 'TRADE_ERROR', `Trade ${order} not found`);
export const tradeFailed = (message: string): Failure => failure(500, 'TRADE_ERROR', message);
export const internalError = (): Failure => failure(500, 'INTERNAL_ERROR', 'Internal server error');
export const tooManyRequests = (): Failure => failure(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded');
export const routeNotFound = (): Failure => failure(404, 'NOT_FOUND', 'Route not found');
export const methodNotAllowed = (): Failure => failure(405, 'METHOD_NOT_ALLOWED', 'Method not allowed');
export const bodyTooLarge = (message: string): Failure => failure(413, 'INVALID_DATA', message);
