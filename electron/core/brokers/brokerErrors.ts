import type { BrokerKind } from '../../../shared/brokers';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { HttpTransportError } from './http';

/** A call that changes something at the broker: its failures carry an outcome and are never retried automatically. */
export interface DestructiveAction {
  /** How a sentence names it: "the close", "the cancel", "the account close". */
  what: string;
  /** Where a person looks to learn what happened: "check the positions". */
  check: string;
}

export interface BrokerCall {
  broker: BrokerKind;
  /** How messages name the broker: "Alpaca". */
  brokerName: string;
  /** Absent for reads. */
  action?: DestructiveAction;
}

/** What the broker's answer says about itself, kept in fields so messages stay plain words. */
export interface AnswerDetails {
  httpStatus?: number;
  brokerCode?: string;
  requestId?: string;
}

function build(call: BrokerCall, code: ErrorCode, message: string, details: AnswerDetails, outcome?: 'not_sent' | 'rejected' | 'unknown'): AppError {
  const destructive = call.action !== undefined;
  return new AppError({
    code,
    message,
    broker: call.broker,
    ...(destructive ? { retryable: false, ...(outcome ? { outcome } : {}) } : {}),
    ...(details.httpStatus !== undefined ? { httpStatus: details.httpStatus } : {}),
    ...(details.brokerCode !== undefined ? { brokerCode: details.brokerCode } : {}),
    ...(details.requestId !== undefined ? { requestId: details.requestId } : {}),
  });
}

function mayHaveHappened(action: DestructiveAction, cause: string): string {
  return `${cause}: ${action.what} may or may not have happened. Closeout will not resend it; ${action.check}.`;
}

/** The request got no complete answer: a read may be retried, a destructive call is not_sent or unknown by the phase. */
export function transportFailure(call: BrokerCall, error: HttpTransportError): AppError {
  if (!call.action) {
    const cause = error.phase === 'not_sent' ? `Could not reach ${call.brokerName}` : `${call.brokerName} did not answer`;
    return build(call, 'network', `${cause}: ${lowerFirst(error.message)}.`, {});
  }
  if (error.phase === 'not_sent') {
    return build(call, 'network', `Could not reach ${call.brokerName} (${lowerFirst(error.message)}): ${call.action.what} was not sent.`, {}, 'not_sent');
  }
  return build(call, 'outcome_unknown', mayHaveHappened(call.action, `No answer from ${call.brokerName}`), {}, 'unknown');
}

/** A 5xx, or a status no rule covers: the broker may have acted, so a destructive call's outcome is unknown. */
export function serverFailure(call: BrokerCall, details: AnswerDetails): AppError {
  const status = details.httpStatus ?? 0;
  const cause = status >= 500
    ? `${call.brokerName} answered with a server error (HTTP ${status})`
    : `${call.brokerName} gave an unexpected answer (HTTP ${status})`;
  if (!call.action) return build(call, 'network', `${cause}; try again shortly.`, details);
  return build(call, 'outcome_unknown', mayHaveHappened(call.action, cause), details, 'unknown');
}

/** The broker answered a destructive call, but in words that leave open whether it acted; `cause` says which words. */
export function actionInDoubt(call: BrokerCall & { action: DestructiveAction }, details: AnswerDetails, cause: string): AppError {
  return build(call, 'outcome_unknown', mayHaveHappened(call.action, cause), details, 'unknown');
}

export function credentialsRefused(call: BrokerCall, details: AnswerDetails, message: string): AppError {
  return build(call, 'credentials_refused', message, details, 'rejected');
}

export function notFound(call: BrokerCall, details: AnswerDetails, message: string): AppError {
  return build(call, 'not_found', message, details, 'rejected');
}

/** The broker understood the request and said no; its own words follow the colon. */
export function brokerRejected(call: BrokerCall, details: AnswerDetails, brokerMessage: string): AppError {
  return build(call, 'broker_rejected', `${call.brokerName} rejected the request: ${brokerMessage}`, details, 'rejected');
}

export function rateLimited(call: BrokerCall, details: AnswerDetails, resetAt: Date | null, now = new Date()): AppError {
  const when = resetAt ? `try again after ${formatClock(resetAt)} (in ${Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000))} s)` : 'try again shortly';
  const prefix = `${call.brokerName} is limiting the request rate`;
  const message = call.action ? `${prefix}; ${call.action.what} was not made: ${when}.` : `${prefix}: ${when}.`;
  const error = build(call, 'rate_limited', message, details, 'rejected');
  return resetAt ? new AppError({ ...error.toShape(), retryAfterMs: Math.max(0, resetAt.getTime() - now.getTime()) }) : error;
}

/**
 * The broker answered in a shape Closeout cannot read. For a destructive call that answer may confirm an action, so
 * its outcome is unknown.
 */
export function unreadableAnswer(call: BrokerCall, details: AnswerDetails, problem: string): AppError {
  const cause = `${call.brokerName} sent an answer Closeout could not read (${problem})`;
  if (!call.action) return build(call, 'internal', `${cause}.`, details);
  return build(call, 'outcome_unknown', mayHaveHappened(call.action, cause), details, 'unknown');
}

function formatClock(date: Date): string {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

/** A transport error's own words, to sit inside a sentence: lower-case start, no full stop of its own. */
function lowerFirst(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.+$/, '');
}
