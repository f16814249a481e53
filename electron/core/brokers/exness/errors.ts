import type { AppError } from '../../../../shared/errors';
import {
  brokerRejected,
  credentialsRefused,
  notFound,
  rateLimited,
  serverFailure,
  type AnswerDetails,
  type BrokerCall,
} from '../brokerErrors';
import type { HttpResponse } from '../http';
import { errorBodySchema } from './schemas';

export const REQUEST_ID_HEADER = 'x-request-id';
const NO_TOKEN = 'Access denied. No token provided.';

/** Turns a 4xx the platform refused with into a more precise error; undefined keeps the general rule. */
export type RefusalRule = (call: BrokerCall, details: AnswerDetails, words: string) => AppError | undefined;

export interface ErrorContext {
  notFound: string;
  refusal?: RefusalRule;
  /** The token's own expiry, to say so when the platform refuses an expired token. */
  tokenExpiresAt: Date | null;
  /** Why the expiry could not be read (an opaque token, no exp claim); null when it was. */
  tokenExpiryUnread?: string | null;
  now?: Date;
}

/** The platform's words: `error`, then `message` when it adds something. */
export function errorWords(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const said = [parsed.data.error, parsed.data.message]
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const unique = [...new Set(said)];
  return unique.length > 0 ? unique.join(': ') : undefined;
}

export function requestIdOf(response: HttpResponse): string | undefined {
  return response.headers[REQUEST_ID_HEADER] || undefined;
}

function tokenRefusal(words: string | undefined, context: ErrorContext): string {
  if (words === NO_TOKEN) {
    return `Exness says no token reached it ("${NO_TOKEN}"): check that nothing between Closeout and the platform removes the Authorization header.`;
  }
  const said = words ? ` ("${words}")` : '';
  const now = context.now ?? new Date();
  const expiry = context.tokenExpiresAt;
  let reason = 'the token is wrong, expired or revoked';
  if (expiry !== null) {
    reason = expiry.getTime() <= now.getTime() ? `the token expired at ${expiry.toISOString()}` : `the token is wrong or revoked (it would expire at ${expiry.toISOString()})`;
  } else if (context.tokenExpiryUnread) {
    reason = `${reason}; Closeout cannot tell which, as it cannot read the expiry: ${context.tokenExpiryUnread}`;
  }
  return `Exness refused the token${said}: ${reason}. Sign in to the platform again and store the new token in this connection.`;
}

/**
 * Turns a non-2xx answer into the AppError a person reads. The platform has no error codes of its own, only words; a
 * 404 is the web server's page for a path it does not have.
 */
export function errorFromResponse(call: BrokerCall, response: HttpResponse, context: ErrorContext): AppError {
  const words = errorWords(safeJson(response));
  const requestId = requestIdOf(response);
  const details: AnswerDetails = { httpStatus: response.status, ...(requestId !== undefined ? { requestId } : {}) };
  const status = response.status;
  if (status === 401) return credentialsRefused(call, details, tokenRefusal(words, context));
  if (status === 404) return notFound(call, details, context.notFound);
  if (status === 429) return rateLimited(call, details, resetTime(response.headers), context.now);
  if (status >= 400 && status < 500) {
    const said = words ?? `HTTP ${status} without an explanation`;
    return context.refusal?.(call, details, said) ?? brokerRejected(call, details, said);
  }
  return serverFailure(call, details);
}

function safeJson(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** x-ratelimit-reset is a Unix time in seconds; Retry-After a number of seconds from now. */
function resetTime(headers: Record<string, string>): Date | null {
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) return new Date(Number(reset) * 1000);
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter && /^\d+$/.test(retryAfter)) return new Date(Date.now() + Number(retryAfter) * 1000);
  return null;
}
