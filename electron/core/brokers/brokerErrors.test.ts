import { describe, expect, it } from 'vitest';
import {
  brokerRejected,
  rateLimited,
  serverFailure,
  transportFailure,
  unreadableAnswer,
  type BrokerCall,
} from './brokerErrors';
import { HttpTransportError } from './http';

const read: BrokerCall = { broker: 'alpaca', brokerName: 'Alpaca' };
const close: BrokerCall = { ...read, action: { what: 'the close', check: 'check the positions' } };

describe('transportFailure', () => {
  it('makes a failed read a retryable network error with no outcome', () => {
    const error = transportFailure(read, new HttpTransportError('sent', 'timeout', 'No complete answer from h within 10 ms'));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBeUndefined();
  });

  it('says a destructive call that never left was not sent, and does not offer to retry it', () => {
    const error = transportFailure(close, new HttpTransportError('not_sent', 'connection_refused', 'h refused the connection'));
    expect(error.code).toBe('network');
    expect(error.outcome).toBe('not_sent');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Could not reach Alpaca (h refused the connection): the close was not sent.');
  });

  it('says a destructive call that went out without an answer may or may not have happened', () => {
    const error = transportFailure(close, new HttpTransportError('sent', 'reset', 'closed'));
    expect(error.code).toBe('outcome_unknown');
    expect(error.outcome).toBe('unknown');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('No answer from Alpaca: the close may or may not have happened. Closeout will not resend it; check the positions.');
  });
});

describe('serverFailure', () => {
  it('is a retryable network error for a read', () => {
    const error = serverFailure(read, { httpStatus: 503, requestId: 'r-1' });
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.requestId).toBe('r-1');
  });

  it('leaves a destructive call unknown, since the broker may have acted before failing', () => {
    const error = serverFailure(close, { httpStatus: 500, brokerCode: '50010000' });
    expect(error.code).toBe('outcome_unknown');
    expect(error.outcome).toBe('unknown');
    expect(error.brokerCode).toBe('50010000');
    expect(error.message).toContain('server error (HTTP 500)');
  });
});

describe('brokerRejected', () => {
  it('quotes the broker and marks a destructive call rejected', () => {
    const error = brokerRejected(close, { httpStatus: 422, brokerCode: '42210000', requestId: 'r-2' }, 'qty must be > 0');
    expect(error.message).toBe('Alpaca rejected the request: qty must be > 0');
    expect(error.outcome).toBe('rejected');
    expect(error.toShape()).toMatchObject({ code: 'broker_rejected', httpStatus: 422, brokerCode: '42210000', requestId: 'r-2', broker: 'alpaca' });
  });
});

describe('rateLimited', () => {
  it('names when the limit resets', () => {
    const now = new Date('2026-01-26T15:00:00Z');
    const resetAt = new Date('2026-01-26T15:00:12Z');
    const error = rateLimited(read, { httpStatus: 429 }, resetAt, now);
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(resetAt.toLocaleTimeString('en-GB', { hour12: false }));
    expect(error.message).toContain('in 12 s');
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('tells a refused close that it was not made', () => {
    const error = rateLimited(close, { httpStatus: 429 }, null);
    expect(error.outcome).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('the close was not made');
  });
});

describe('unreadableAnswer', () => {
  it('is an internal error for a read and an unknown outcome for a destructive call', () => {
    expect(unreadableAnswer(read, {}, 'the body is not JSON').code).toBe('internal');
    expect(unreadableAnswer(close, {}, 'the body is not JSON').outcome).toBe('unknown');
  });
});
