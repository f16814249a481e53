import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BrokerCall } from '../brokerErrors';
import type { HttpResponse } from '../http';
import { errorFromResponse, readErrorBody, requestIdOf } from './errors';

const READ: BrokerCall = { broker: 'clearstreet', brokerName: 'Clear Street' };
const CLOSE: BrokerCall = { ...READ, action: { what: 'the close', check: 'check the positions' } };
const CONTEXT = { notFound: 'Order X was not found.', forbidden: 'this API key may not act on account 7' };

function response(status: number, body: unknown, headers: Record<string, string> = {}): { response: HttpResponse; body: unknown } {
  const text = JSON.stringify(body);
  return { response: { status, headers, text, json: () => JSON.parse(text) as unknown, digest: () => createHash('sha256').update(text).digest('base64url') }, body };
}

function envelope(code: number, message: string, details?: unknown[]) {
  return { error: { code, message, ...(details ? { details } : {}) }, metadata: { request_id: 'req-1' } };
}

function errorFor(call: BrokerCall, status: number, body: unknown, headers: Record<string, string> = {}) {
  const answer = response(status, body, headers);
  return errorFromResponse(call, answer.response, answer.body, CONTEXT);
}

describe('readErrorBody', () => {
  it('reads the error inside the envelope, with the details in their own words, each named once', () => {
    const body = envelope(400, 'Risk check failed', [
      { description: 'Buying Power: required > available', subject: 'order:1', type: 'BUYING_POWER' },
      { domain: 'com.clearstreet.oems.risk', metadata: { available: '1' }, reason: 'BUYING_POWER' },
      { description: 'Buying Power: required > available' },
    ]);
    expect(readErrorBody(body)).toEqual({ brokerCode: '400', message: 'Risk check failed', details: 'Buying Power: required > available; BUYING_POWER' });
  });

  it('reads a bare ApiError, the shape the spec declares', () => {
    expect(readErrorBody({ code: 422, message: 'bad' })).toEqual({ brokerCode: '422', message: 'bad' });
  });

  it('reads nothing from a body that is no error', () => {
    expect(readErrorBody('oops')).toEqual({});
    expect(readErrorBody({ error: { code: {} } })).toEqual({});
  });

  it('takes the request id from the metadata, else from the x-request-id header', () => {
    expect(requestIdOf(response(200, {}).response, envelope(400, 'x'))).toBe('req-1');
    expect(requestIdOf(response(502, 'gateway', { 'x-request-id': 'edge-9' }).response, 'gateway')).toBe('edge-9');
    expect(requestIdOf(response(502, 'gateway').response, undefined)).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  it('turns a 422 into a refusal in the broker words with its code and request id', () => {
    const error = errorFor(CLOSE, 422, envelope(422, 'Failed to deserialize the JSON body into the target type: [0]: missing field `order_type` at line 1 column 68'));
    expect(error).toMatchObject({ code: 'broker_rejected', outcome: 'rejected', retryable: false, httpStatus: 422, brokerCode: '422', requestId: 'req-1' });
    expect(error.message).toBe('Clear Street rejected the request: Failed to deserialize the JSON body into the target type: [0]: missing field `order_type` at line 1 column 68');
  });

  it('adds the details to a 400', () => {
    const error = errorFor(CLOSE, 400, envelope(400, 'Risk check failed', [{ description: 'Position: sell quantity > available long quantity' }]));
    expect(error.message).toBe('Clear Street rejected the request: Risk check failed (Position: sell quantity > available long quantity)');
  });

  it('says which account a 403 concerns', () => {
    const error = errorFor(READ, 403, envelope(403, 'The caller does not have permission to execute the specified operation'));
    expect(error.code).toBe('broker_rejected');
    expect(error.message).toBe('Clear Street rejected the request: this API key may not act on account 7 (The caller does not have permission to execute the specified operation)');
  });

  it('names what was not found on a 404, and refuses the key on a 401', () => {
    expect(errorFor(READ, 404, envelope(404, 'Some requested entity was not found'))).toMatchObject({ code: 'not_found', message: 'Order X was not found.' });
    expect(errorFor(READ, 401, envelope(401, 'no'))).toMatchObject({ code: 'credentials_refused', brokerCode: '401' });
  });

  it('reads the wait of a 429 from retry-after, else from x-ratelimit-reset', () => {
    const withRetryAfter = errorFor(READ, 429, envelope(429, 'slow down'), { 'retry-after': '30' });
    expect(withRetryAfter.code).toBe('rate_limited');
    expect(withRetryAfter.retryAfterMs).toBeGreaterThan(28_000);
    expect(withRetryAfter.retryAfterMs).toBeLessThanOrEqual(30_000);
    const reset = Math.ceil(Date.now() / 1000) + 10;
    const withReset = errorFor(READ, 429, envelope(429, 'slow down'), { 'x-ratelimit-reset': String(reset) });
    expect(withReset.retryAfterMs).toBeGreaterThan(8_000);
    expect(errorFor(READ, 429, 'busy').message).toBe('Clear Street is limiting the request rate: try again shortly.');
  });

  it('makes a 5xx on a destructive call an unknown outcome, and on a read a retryable network error', () => {
    expect(errorFor(CLOSE, 503, envelope(503, 'The service is currently unavailable'))).toMatchObject({ code: 'outcome_unknown', outcome: 'unknown', retryable: false });
    expect(errorFor(READ, 500, envelope(500, 'Internal error'))).toMatchObject({ code: 'network', retryable: true });
  });

  it('explains a refusal that comes without words', () => {
    expect(errorFor(CLOSE, 409, 'conflict').message).toBe('Clear Street rejected the request: HTTP 409 without an explanation');
  });
});
