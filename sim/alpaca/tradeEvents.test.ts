import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAlpacaSim } from './server';
import type { AlpacaSim } from './server';
import { basicAuth, call, fixtureData, IDS } from './testSupport';
import type { TradeUpdateEvent } from './tradeEvents';

// Generous: it matters only when an event never comes, and a busy machine can take seconds.
const WAIT = { timeout: 10_000 };
let sim: AlpacaSim;
const open: http.ClientRequest[] = [];

beforeEach(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0 });
});

afterEach(async () => {
  for (const request of open.splice(0)) request.destroy();
  await sim.close();
});

/** Opens GET /v1/events/trades and collects every event it streams, with the answer's status and content type. */
async function listen(query = ''): Promise<{ status: number; type: string; events: TradeUpdateEvent[] }> {
  const events: TradeUpdateEvent[] = [];
  return new Promise((resolve, reject) => {
    const request = http.get(`${sim.url}/v1/events/trades${query}`, { headers: { authorization: basicAuth(sim.keyId, sim.secret) } }, (response) => {
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffered += chunk;
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (message.startsWith('data: ')) events.push(JSON.parse(message.slice(6)) as TradeUpdateEvent);
          end = buffered.indexOf('\n\n');
        }
      });
      resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), events });
    });
    request.on('error', reject);
    open.push(request);
  });
}

describe('GET /v1/events/trades', () => {
  it('streams a close\'s order as server-sent events: new when accepted, fill when it fills, numbered in order', async () => {
    const stream = await listen();
    expect(stream).toMatchObject({ status: 200, type: 'text/event-stream' });
    await vi.waitFor(() => expect(sim.state.tradeEvents.streams).toBe(1), WAIT);

    const closed = await call(sim, 'DELETE', `/v1/trading/accounts/${IDS.trader}/positions/AAPL`);
    expect(closed.status).toBe(200);
    const orderId = (closed.body as { id: string }).id;

    await vi.waitFor(() => expect(stream.events.map((event) => event.event)).toEqual(['new', 'fill']), WAIT);
    expect(stream.events.every((event) => event.account_id === IDS.trader && event.order.id === orderId)).toBe(true);
    expect(stream.events[1]?.order.status).toBe('filled');
    expect((stream.events[1]?.event_id ?? 0) > (stream.events[0]?.event_id ?? 0)).toBe(true);
  });

  it('sends nothing from before it opened unless asked with since_id, which replays from that event on', async () => {
    const staged = sim.state.addOrder(IDS.trader, { symbol: 'TSLA', side: 'sell', qty: '1', type: 'limit', limit_price: '999' });
    const live = await listen();
    const replay = await listen(`?since_id=${sim.state.tradeEvents.events.at(-1)?.event_id ?? 0}`);
    await vi.waitFor(() => expect(replay.events.map((event) => event.order.id)).toEqual([staged.id]), WAIT);
    expect(live.events).toEqual([]);

    expect((await call(sim, 'DELETE', `/v1/trading/accounts/${IDS.trader}/orders/${staged.id}`)).status).toBe(204);
    await vi.waitFor(() => expect(live.events.map((event) => [event.event, event.order.id])).toEqual([['canceled', staged.id]]), WAIT);
  });

  it('refuses a since_id that is not a whole number, and a caller without the key', async () => {
    expect((await listen('?since_id=yesterday')).status).toBe(422);
    const unauthorised = await new Promise<number>((resolve) => http.get(`${sim.url}/v1/events/trades`, (response) => resolve(response.statusCode ?? 0)));
    expect(unauthorised).toBe(401);
  });
});
