import type { ApiErrorBody, ErrorDetail } from './types';

/** An answer the simulator refuses with: the HTTP status and Clear Street's error object (it goes inside the envelope). */
export interface Failure {
  status: number;
  error: ApiErrorBody;
  headers?: Record<string, string>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail(failure: Failure): { ok: false; failure: Failure } {
  return { ok: false, failure };
}

function failure(status: number, message: string, details?: ErrorDetail[]): Failure {
  return { status, error: { code: status, message, ...(details === undefined ? {} : { details }) } };
}

// ApiError is "a direct mapping of tonic::Status": where Clear Street answers with a status's canonical description, so does the simulator.
export const unauthenticated = (): Failure => failure(401, 'The request does not have valid authentication credentials for the operation');
export const forbidden = (): Failure => failure(403, 'The caller does not have permission to execute the specified operation');
export const entityNotFound = (): Failure => failure(404, 'Some requested entity was not found');
export const internalError = (): Failure => failure(500, 'Internal error');
export const routeNotFound = (): Failure => failure(404, 'No route matches the requested path');
export const methodNotAllowed = (): Failure => failure(405, 'The method is not allowed for the requested path');
export const bodyTooLarge = (limit: string): Failure => failure(413, `The request body exceeds ${limit}`);

export function rateLimited(retryAfterSeconds: number, headers: Record<string, string>): Failure {
  return { ...failure(429, 'Too many requests: the rate limit for this API key is exhausted'), headers: { ...headers, 'retry-after': String(retryAfterSeconds) } };
}

export const badRequest = (message: string, details?: ErrorDetail[]): Failure => failure(400, message, details);
export const unprocessable = (message: string): Failure => failure(422, message);
export const notFound = (message: string): Failure => failure(404, message);

export const orderNotFound = (orderId: string, accountId: number): Failure => notFound(`Order ${orderId} not found for account ${accountId}`);

export function invalidPathId(value: string): Failure {
  return badRequest(`Invalid URL: Cannot parse \`${value}\` to a \`i64\``);
}

/** One risk-check violation, in the two-entry form Clear Street's risk engine sends (a description, then its domain metadata). */
export interface RiskViolation {
  type: string;
  description: string;
  subject: string;
  metadata: Record<string, string>;
}

const RISK_DOMAIN = 'com.clearstreet.oems.risk';

export function riskCheckFailed(violations: readonly RiskViolation[]): Failure {
  const details: ErrorDetail[] = [];
  for (const violation of violations) {
    details.push({ description: violation.description, subject: violation.subject, type: violation.type });
    details.push({ domain: RISK_DOMAIN, metadata: violation.metadata, reason: violation.type });
  }
  return badRequest('Risk check failed', details);
}
