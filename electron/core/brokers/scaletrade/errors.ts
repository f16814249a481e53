import { AppError } from '../../../../shared/errors';
import {
  brokerRejected,
  credentialsRefused,
  notFound,
  rateLimited,
  serverFailure,
  type AnswerDetails,
  type BrokerCall,
  type DestructiveAction,
} from '../brokerErrors';
import type { HttpResponse } from '../http';
import { parseExactJson } from './exactJson';
import { errorBodySchema } from './schemas';

export const SCALETRADE_NAME = 'ScaleTrade';

export interface ScaleTradeErrorBody {
  brokerCode?: string;
  message?: string;
}

/** ScaleTrade's `{"error": CODE, "message"?: text}`, or nothing readable. */
export function readErrorBody(response: HttpResponse): ScaleTradeErrorBody {
  let body: unknown;
  try {
    body = parseExactJson(response.text);
  } catch {
    return {};
  }
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return {};
  const { error, message } = parsed.data;
  return {
    ...(error !== undefined && error.trim() !== '' ? { brokerCode: error.trim() } : {}),
    ...(message !== undefined && message.trim() !== '' ? { message: message.trim() } : {}),
  };
}

export function detailsOf(response: HttpResponse, body: ScaleTradeErrorBody): AnswerDetails {
  return { httpStatus: response.status, ...(body.brokerCode !== undefined ? { brokerCode: body.brokerCode } : {}) };
}

/**
 * When a 429 says to try again: `retry-after-ms`, then the standard `retry-after` (seconds or an HTTP date), then
 * `x-ratelimit-reset` (Unix seconds). ScaleTrade documents none of them; these are the common ones.
 */
export function rateLimitReset(headers: Record<string, string>, now: number): Date | null {
  const milliseconds = headers['retry-after-ms']?.trim();
  if (milliseconds && /^\d+$/.test(milliseconds)) return new Date(now + Number(milliseconds));
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter && /^\d+$/.test(retryAfter)) return new Date(now + Number(retryAfter) * 1000);
  if (retryAfter) {
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return new Date(date);
  }
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) return new Date(Number(reset) * 1000);
  return null;
}

/**
 * A 401 on a call Closeout does not repeat: for a close it means nothing was executed (ScaleTrade checks the session
 * before it looks at the trade), so it is refused credentials with outcome rejected, and the person may try again.
 */
function sessionRefused(call: BrokerCall, details: AnswerDetails): AppError {
  if (call.action) {
    return credentialsRefused(
      call,
      details,
      `ScaleTrade refused the session for ${call.action.what}: the sign-in had expired or the login may not trade through the client API. Nothing was executed; try again, and if it repeats, check that the login is a trading (client) login.`,
    );
  }
  return credentialsRefused(
    call,
    details,
    'ScaleTrade refused the session even after signing in again: the login may not use the client API. Check the login with the broker.',
  );
}

/** Turns a non-2xx answer into the AppError a person reads. */
export function errorFromResponse(call: BrokerCall, response: HttpResponse, notFoundMessage: string, now = Date.now()): AppError {
  const body = readErrorBody(response);
  const details = detailsOf(response, body);
  const status = response.status;
  if (status === 401) return sessionRefused(call, details);
  if (status === 404) return notFound(call, details, notFoundMessage);
  if (status === 429) return rateLimited(call, details, rateLimitReset(response.headers, now), new Date(now));
  if (status >= 400 && status < 500) return brokerRejected(call, details, body.message ?? `${body.brokerCode ?? `HTTP ${status}`} without an explanation`);
  return serverFailure(call, details);
}

/** What a failed sign-in says to a person; `login` is an identifier, never the password. */
export function signInError(call: BrokerCall, response: HttpResponse, login: number, now = Date.now()): AppError {
  const body = readErrorBody(response);
  const details = detailsOf(response, body);
  switch (response.status) {
    case 400:
      return credentialsRefused(
        call,
        details,
        `ScaleTrade refused the sign-in for login ${login}${body.message ? ` (${body.message})` : ''}: the login must be a whole number and the password 6 to 64 characters.`,
      );
    case 402:
      return credentialsRefused(call, details, `ScaleTrade login ${login} is disabled: the broker has to enable it before Closeout can sign in.`);
    case 403:
      return credentialsRefused(call, details, `ScaleTrade did not accept login ${login} with this password: the login does not exist or the password is wrong.`);
    default:
      return errorFromResponse(call, response, `ScaleTrade has no sign-in at this address: check the connection URL.`, now);
  }
}

/** A failure before a destructive call was sent (the sign-in it needed failed): nothing reached the trade. */
export function notSent(error: AppError, action: DestructiveAction): AppError {
  return new AppError({
    ...error.toShape(),
    outcome: 'not_sent',
    retryable: false,
    message: `${error.message} ${capitalise(action.what)} was not sent.`,
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
