import { describe, expect, it } from 'vitest';
import type { CloseoutBridge } from '../../shared/bridge';
import { AppError } from '../../shared/errors';
import { createCall, toAppError } from './client';

function bridgeAnswering(answer: () => Promise<unknown>): CloseoutBridge {
  return { invoke: answer as CloseoutBridge['invoke'], on: () => () => undefined };
}

describe('createCall', () => {
  it('returns the data of a successful envelope', async () => {
    const call = createCall(() => bridgeAnswering(async () => ({ ok: true, data: { demo: true, version: '1.2.3' } })));
    await expect(call('app:info', {})).resolves.toEqual({ demo: true, version: '1.2.3' });
  });

  it('throws the failure as a typed AppError keeping code, broker code and request id', async () => {
    const call = createCall(() =>
      bridgeAnswering(async () => ({
        ok: false,
        error: { code: 'rate_limited', message: 'Too many requests', retryable: true, brokerCode: '42910000', requestId: 'r-9' },
      })),
    );
    const error = await call('connections:list', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, brokerCode: '42910000', requestId: 'r-9' });
  });

  it('reports a missing bridge as an internal error', async () => {
    const call = createCall(() => undefined);
    await expect(call('app:info', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('treats a bridge that throws as an unknown outcome', async () => {
    const call = createCall(() => bridgeAnswering(() => Promise.reject(new Error('channel closed'))));
    await expect(call('order:cancel', { connection: 'a', accountId: 'b', orderId: 'c' })).rejects.toMatchObject({
      code: 'internal',
      outcome: 'unknown',
    });
  });

  it('refuses an answer outside the envelope contract', async () => {
    const call = createCall(() => bridgeAnswering(async () => ({ ok: false, error: { code: 'no_such_code', message: 'x' } })));
    await expect(call('app:info', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('toAppError', () => {
  it('keeps an AppError and wraps anything else as internal', () => {
    const original = new AppError({ code: 'not_found', message: 'gone' });
    expect(toAppError(original)).toBe(original);
    expect(toAppError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
  });
});
