import { AppError } from '../../../../shared/errors';
import {
  actionInDoubt,
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
import { parseKeepingNumberText } from '../numberTextJson';
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
    body = parseKeepingNumberText(response.text);
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

/** The code ScaleTrade's trade engine answers with; any other 404 comes from a server that has no such route. */
const TRADE_ERROR = 'TRADE_ERROR';

/**
 * Words with which the engine refuses a close before executing anything (MetaTrader's refusals). The seed documents
 * 500 TRADE_ERROR as "failed to close trade (validation or execution)": only these words settle which.
 */
const REFUSED_BEFORE_EXECUTION = /market (is )?closed|trad(e|ing) (is )?disabled|invalid (volume|price|stops|request)|no (prices|quotes)|not enough money|requote|off quotes/i;

/** A 500 TRADE_ERROR on a close: a refusal when the engine's words say nothing was executed, otherwise in doubt. */
function tradeError(call: BrokerCall & { action: DestructiveAction }, details: AnswerDetails, message: string | undefined): AppError {
  if (message !== undefined && REFUSED_BEFORE_EXECUTION.test(message)) return brokerRejected(call, details, `${message} (nothing was executed)`);
  const words = message === undefined ? 'no words' : `the words "${message}"`;
  return actionInDoubt(call, details, `ScaleTrade answered 500 TRADE_ERROR ("failed to close trade", by validation or execution) with ${words}, which do not say whether the trade was closed`);
}

/** Where a request went: a 404 that is not the trade engine's names it, as a wrong base URL is the likely cause. */
export interface ErrorContext {
  method: string;
  path: string;
  /** The sentence the engine's 404 TRADE_ERROR becomes, naming what was not found. */
  notFound: string;
}

function isDestructive(call: BrokerCall): call is BrokerCall & { action: DestructiveAction } {
  return call.action !== undefined;
}

/** Turns a non-2xx answer into the AppError a person reads. */
export function errorFromResponse(call: BrokerCall, response: HttpResponse, context: ErrorContext, now = Date.now()): AppError {
  const body = readErrorBody(response);
  const details = detailsOf(response, body);
  const status = response.status;
  if (status === 401) return sessionRefused(call, details);
  if (status === 404 && body.brokerCode === TRADE_ERROR) return notFound(call, details, context.notFound);
  if (status === 404) {
    const nothing = call.action ? ` ${capitalise(call.action.what)} reached no trade.` : '';
    return notFound(call, details, `ScaleTrade has no ${context.method} ${context.path} at this address: check the connection URL.${nothing}`);
  }
  if (status === 500 && body.brokerCode === TRADE_ERROR && isDestructive(call)) return tradeError(call, details, body.message);
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
      return errorFromResponse(call, response, { method: 'POST', path: '/sign/in', notFound: 'ScaleTrade has no sign-in at this address: check the connection URL.' }, now);
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
