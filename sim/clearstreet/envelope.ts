import type { SimResponse } from '../shared/http';
import type { Failure, Outcome } from './errors';
import type { Page } from './paging';
import type { Envelope, ResponseMetadata } from './types';

/** What a route answers; the server adds the request id and wraps it in the envelope. */
export type RouteAnswer =
  | { kind: 'data'; status: number; data: unknown; paging?: Page<unknown>['metadata'] }
  | { kind: 'failure'; failure: Failure };

export function data(value: unknown, paging?: Page<unknown>['metadata']): RouteAnswer {
  return { kind: 'data', status: 200, data: value, ...(paging === undefined ? {} : { paging }) };
}

export function refused(failure: Failure): RouteAnswer {
  return { kind: 'failure', failure };
}

export function answerOf<T>(outcome: Outcome<T>, toData: (value: T) => RouteAnswer = (value) => data(value)): RouteAnswer {
  return outcome.ok ? toData(outcome.value) : refused(outcome.failure);
}

/** `{data, error: null, metadata}` on success; `{error, metadata}` on failure, as in the seed's error bodies. */
export function envelopeResponse(answer: RouteAnswer, requestId: string): SimResponse {
  if (answer.kind === 'failure') {
    const body: Envelope = { error: answer.failure.error, metadata: { request_id: requestId } };
    return { status: answer.failure.status, body, ...(answer.failure.headers === undefined ? {} : { headers: answer.failure.headers }) };
  }
  const metadata: ResponseMetadata = { request_id: requestId, ...answer.paging };
  const body: Envelope = { data: answer.data, error: null, metadata };
  return { status: answer.status, body };
}
