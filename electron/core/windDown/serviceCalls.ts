import { contract, type RequestOf, type ResponseOf } from '../../../shared/contract';
import { AppError, isRetryableCode } from '../../../shared/errors';
import type { Dispatch, Handlers } from '../handlers';
import { createRateLimitGate, type RateLimitGate } from '../rateLimitGate';

/** the channels a wind-down uses: every step goes through the service, so its locks and audit trail apply. */
export const WIND_DOWN_CHANNELS = [
  'connections:list',
  'accounts:list',
  'positions:list',
  'orders:list',
  'account:closeCheck',
  'order:cancel',
  'positions:closeAll',
  'account:close',
  'account:sweepCash',
  'cash:journals',
] as const;
export type WindDownChannel = (typeof WIND_DOWN_CHANNELS)[number];
export type WindDownHandlers = Pick<Handlers, WindDownChannel>;

type AnyHandler = (request: unknown) => Promise<unknown>;

/**
 * Calls one handler after checking the request against the contract, as the dispatcher would: account references
 * come from a pasted list or a file, and must not reach a broker's URL unchecked.
 */
export async function invoke<C extends WindDownChannel>(handlers: WindDownHandlers, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const parsed = contract[channel].request.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    throw new AppError({ code: 'validation', field, outcome: 'not_sent', message: `${field} ${issue?.message ?? 'is invalid'}` });
  }
  const handler = handlers[channel] as AnyHandler;
  return (await handler(parsed.data)) as ResponseOf<C>;
}

const READ_ATTEMPTS = 3;
const READ_RETRY_CAP_MS = 10_000;

/** A read that a rate limit or a dropped connection may interrupt: tried again after the broker's wait, a few times. */
export async function read<C extends WindDownChannel>(handlers: WindDownHandlers, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await invoke(handlers, channel, request);
    } catch (error) {
      if (!(error instanceof AppError) || !isRetryableCode(error.code) || attempt >= READ_ATTEMPTS) throw error;
      await sleep(Math.min(error.retryAfterMs ?? 250 * attempt, READ_RETRY_CAP_MS));
    }
  }
}

const REFUSED_SEND_ATTEMPTS = 6;

/**
 * A change the broker turned away with its rate limit (an answer, HTTP 429) certainly did not happen, so it goes again
 * after the broker's wait, as close all's tickets do. Nothing else is sent twice: a timeout or a dropped connection is an
 * unknown outcome, and a refusal for any other reason stands.
 */
export async function send<C extends WindDownChannel>(handlers: WindDownHandlers, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await invoke(handlers, channel, request);
    } catch (error) {
      const turnedAway = error instanceof AppError && error.code === 'rate_limited' && error.outcome === 'rejected';
      if (!turnedAway || attempt >= REFUSED_SEND_ATTEMPTS) throw error;
      await sleep(Math.min(error.retryAfterMs ?? 500 * attempt, READ_RETRY_CAP_MS));
    }
  }
}

/**
 * The same handlers with every call passing one rate-limit gate: the many accounts of a preflight or a run share the
 * broker's limit, so a 429 pauses them all and what it turned away (never an unknown outcome) goes again.
 */
export function throughRateLimitGate(handlers: WindDownHandlers, gate: RateLimitGate = createRateLimitGate()): WindDownHandlers {
  const entries = WIND_DOWN_CHANNELS.map((channel) => {
    const handler = handlers[channel] as AnyHandler;
    const gated: AnyHandler = (request) => gate.send(() => handler(request));
    return [channel, gated] as const;
  });
  return Object.fromEntries(entries) as unknown as WindDownHandlers;
}

/** The same calls over the dispatcher (the command line's way into the core): a failed envelope becomes the AppError again. */
export function handlersOverDispatch(dispatch: Dispatch): WindDownHandlers {
  const entries = WIND_DOWN_CHANNELS.map((channel) => {
    const handler: AnyHandler = async (request) => {
      const envelope = await dispatch(channel, request);
      if (!envelope.ok) throw AppError.from(envelope.error);
      return envelope.data;
    };
    return [channel, handler] as const;
  });
  return Object.fromEntries(entries) as unknown as WindDownHandlers;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
