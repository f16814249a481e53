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
import { apiErrorSchema, metadataSchema } from './schemas';

const RETRY_AFTER_HEADER = 'retry-after';
const RATE_LIMIT_RESET_HEADER = 'x-ratelimit-reset';
const REQUEST_ID_HEADER = 'x-request-id';

export interface ClearStreetErrorBody {
  brokerCode?: string;
  message?: string;
  /** The details' own words, joined: "Buying Power: required > available". */
  details?: string;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A detail names itself by its description, else by its reason or type; the domain metadata entries add nothing to read. */
function detailText(detail: unknown): string | null {
  const fields = record(detail);
  if (fields === null) return typeof detail === 'string' && detail.trim() !== '' ? detail.trim() : null;
  for (const name of ['description', 'message', 'reason', 'type']) {
    const value = fields[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/**
 * The error of an answer: inside the envelope (`{error: {code, message, details}, metadata}`, what Clear Street sends)
 * or bare (`{code, message}`, what its spec declares). Details that repeat one another are named once.
 */
export function readErrorBody(body: unknown): ClearStreetErrorBody {
  const wrapped = record(body)?.error;
  const parsed = apiErrorSchema.safeParse(record(wrapped) ?? body);
  if (!parsed.success) return {};
  const { code, message, details } = parsed.data;
  const texts = [...new Set((details ?? []).map(detailText).filter((value): value is string => value !== null))];
  return {
    ...(code !== undefined ? { brokerCode: String(code) } : {}),
    ...(message !== undefined && message.trim() !== '' ? { message: message.trim() } : {}),
    ...(texts.length > 0 ? { details: texts.join('; ') } : {}),
  };
}

/** Clear Street names each request in metadata.request_id, on success and on error alike. */
export function requestIdOf(response: HttpResponse, body: unknown): string | undefined {
  const parsed = metadataSchema.safeParse(record(body)?.metadata);
  const fromBody = parsed.success ? parsed.data.request_id : undefined;
  return fromBody || response.headers[REQUEST_ID_HEADER] || undefined;
}

export interface ErrorContext {
  /** The sentence a 404 becomes, naming what was not found. */
  notFound: string;
  /** What a 403 means for this call, e.g. "this API key may not act on account 100001". */
  forbidden: string;
}

/**
 * Turns a non-2xx answer into the AppError a person reads. Only 401 means a bad key: a 403 is a valid key that may not
 * touch that account, a refusal like a risk check (400) or a malformed order (422), reported with the broker's words.
 */
export function errorFromResponse(call: BrokerCall, response: HttpResponse, body: unknown, context: ErrorContext): AppError {
  const error = readErrorBody(body);
  const requestId = requestIdOf(response, body);
  const details: AnswerDetails = {
    httpStatus: response.status,
    ...(error.brokerCode !== undefined ? { brokerCode: error.brokerCode } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  };
  const status = response.status;
  const words = error.message ?? `HTTP ${status} without an explanation`;
  if (status === 401) return credentialsRefused(call, details, 'Clear Street refused the API key (it is wrong, expired or revoked).');
  if (status === 403) return brokerRejected(call, details, `${context.forbidden} (${words})`);
  if (status === 404) return notFound(call, details, context.notFound);
  if (status === 429) return rateLimited(call, details, resetTime(response.headers));
  if (status >= 400 && status < 500) {
    return brokerRejected(call, details, error.details ? `${words} (${error.details})` : words);
  }
  return serverFailure(call, details);
}

/** retry-after in seconds, else x-ratelimit-reset as a Unix time in seconds. */
function resetTime(headers: Record<string, string>, now = Date.now()): Date | null {
  const retryAfter = headers[RETRY_AFTER_HEADER]?.trim();
  if (retryAfter && /^\d+$/.test(retryAfter)) return new Date(now + Number(retryAfter) * 1000);
  const reset = headers[RATE_LIMIT_RESET_HEADER]?.trim();
  if (reset && /^\d+$/.test(reset)) return new Date(Number(reset) * 1000);
  return null;
}
