import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handlers';

function handlersWith(overrides: Partial<Handlers>) {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [channel, overrides[channel] ?? (async () => { calls.push(channel); return null; })]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('the IPC dispatcher', () => {
  it('passes a valid request to its handler and wraps the answer in an envelope', async () => {
    const { handlers } = handlersWith({ 'positions:list': async ({ accountId }) => [{ id: accountId }] as never });
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('positions:list', { connection: 'Alpaca demo', accountId: 'acct-1' })).toEqual({ ok: true, data: [{ id: 'acct-1' }] });
  });

  it('refuses a channel outside the contract without calling anything', async () => {
    const { handlers, calls } = handlersWith({});
    const answer = await createDispatcher(handlers)('fs:readFile', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'channel', outcome: 'not_sent' } });
    expect(calls).toEqual([]);
  });

  it('names the field and the rule when a payload is wrong', async () => {
    const { handlers, calls } = handlersWith({});
    const dispatch = createDispatcher(handlers);
    const answer = await dispatch('position:close', {
      connection: 'Alpaca demo', accountId: 'acct-1', positionId: 'AAPL', amount: { kind: 'quantity', quantity: '1e5' },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount.quantity' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(/amount\.quantity must be a plain decimal number/);
    expect(calls).toEqual([]);
  });

  it('refuses a plain-http base URL for any host but this machine, naming baseUrl and the rule, and adds nothing', async () => {
    const { handlers, calls } = handlersWith({});
    const dispatch = createDispatcher(handlers);
    const add = (baseUrl: string) => dispatch('connections:add', { name: 'Desk', broker: 'alpaca', baseUrl, keyId: 'AKID', secret: 's' });
    for (const baseUrl of ['http://broker-api.alpaca.markets', 'http://10.0.0.5:8080', 'http://127.0.0.1.nip.io']) {
      expect(await add(baseUrl), baseUrl).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'baseUrl', outcome: 'not_sent', message: 'baseUrl must start with https:// (plain http:// is allowed only for localhost, 127.0.0.0/8 and [::1])' },
      });
    }
    expect(calls).toEqual([]);
    for (const baseUrl of ['https://broker-api.alpaca.markets', 'http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(await add(baseUrl), baseUrl).toMatchObject({ ok: true });
    }
    expect(calls).toHaveLength(4);
  });

  it('refuses unknown and prototype-polluting fields', async () => {
    const { handlers, calls } = handlersWith({});
    const dispatch = createDispatcher(handlers);
    const polluted = JSON.parse('{"connection":"Alpaca demo","accountId":"a","__proto__":{"admin":true}}');
    expect(await dispatch('orders:list', polluted)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatch('orders:list', { connection: 'Alpaca demo', accountId: 'a', extra: 1 })).toMatchObject({
      ok: false, error: { code: 'validation', message: expect.stringMatching(/unknown fields: extra/) },
    });
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('returns an AppError from a handler as a failure envelope with its broker details', async () => {
    const { handlers } = handlersWith({
      'order:cancel': async () => {
        throw new AppError({ code: 'broker_rejected', message: 'Alpaca rejected the request: order is not cancelable', brokerCode: '42210000', requestId: 'req-9', outcome: 'rejected' });
      },
    });
    const answer = await createDispatcher(handlers)('order:cancel', { connection: 'c', accountId: 'a', orderId: 'o-1' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'broker_rejected', message: 'Alpaca rejected the request: order is not cancelable', retryable: false, brokerCode: '42210000', requestId: 'req-9', outcome: 'rejected' },
    });
  });

  it('hides an unexpected error behind a generic message and reports it once', async () => {
    const onUnexpected = vi.fn();
    const { handlers } = handlersWith({ 'connections:list': async () => { throw new TypeError('secret-bearing internal detail'); } });
    const answer = await createDispatcher(handlers, onUnexpected)('connections:list', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('secret-bearing');
    expect(onUnexpected).toHaveBeenCalledTimes(1);
  });
});
