import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlpacaSim } from './server';
import type { AlpacaSim } from './server';
import { call, fixtureData, IDS, nextDay } from './testSupport';
import type { AlpacaJournal } from './types';

let sim: AlpacaSim;

beforeEach(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0, journalLimit: '1000' });
});

afterEach(async () => {
  await sim.close();
});

function journal(amount: string, extra: Record<string, unknown> = {}) {
  return call(sim, 'POST', '/v1/journals', { body: { entry_type: 'JNLC', from_account: IDS.trader, to_account: IDS.flat, amount, ...extra } });
}

async function tradeAccount(accountId: string): Promise<Record<string, string>> {
  return (await call(sim, 'GET', `/v1/trading/accounts/${accountId}/account`)).body as Record<string, string>;
}

describe('cash journals (JNLC)', () => {
  it('executes a journal below the limit at once and moves the cash', async () => {
    const answer = await journal('250.5');
    expect(answer.status).toBe(200);
    const body = answer.body as AlpacaJournal;
    expect(body).toMatchObject({ entry_type: 'JNLC', from_account: IDS.trader, to_account: IDS.flat, net_amount: '250.5', status: 'executed', symbol: null, qty: null });
    expect(body.settle_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sim.state.cashOf(IDS.trader)).toBe('4749.5');
    expect(sim.state.cashOf(IDS.flat)).toBe('250.5');
  });

  it('keeps a journal above the limit pending until the simulated day ends, holding its amount meanwhile', async () => {
    const answer = await journal('3000');
    expect((answer.body as AlpacaJournal).status).toBe('pending');
    const before = await tradeAccount(IDS.trader);
    expect(before).toMatchObject({ cash: '5000', cash_withdrawable: '2000', cash_transferable: '2000', pending_transfer_out: '3000' });
    expect((await journal('2500')).status).toBe(403);

    expect(await nextDay(sim)).toMatchObject({ day: 1 });
    const listed = (await call(sim, 'GET', `/v1/journals?from_account=${IDS.trader}`)).body as AlpacaJournal[];
    expect(listed.map((entry) => entry.status)).toEqual(['executed']);
    expect(await tradeAccount(IDS.trader)).toMatchObject({ cash: '2000', pending_transfer_out: '0' });
  });

  it('rejects at the end of the day a journal whose description carries the rejected fixture, and releases its hold', async () => {
    await journal('10', { description: 'sweep /fixtures/status=rejected/fixtures/' });
    expect((await tradeAccount(IDS.trader)).cash_transferable).toBe('4990');
    await nextDay(sim);
    const [entry] = (await call(sim, 'GET', '/v1/journals?status=rejected')).body as AlpacaJournal[];
    expect(entry?.net_amount).toBe('10');
    expect(await tradeAccount(IDS.trader)).toMatchObject({ cash: '5000', cash_transferable: '5000' });
  });

  it('refuses an amount over the transferable cash with 403 and a missing field with 400, moving nothing', async () => {
    expect(await journal('5000.01')).toMatchObject({ status: 403, body: { code: 40310000 } });
    expect(await journal('-5')).toMatchObject({ status: 400, body: { code: 40010000 } });
    expect(await call(sim, 'POST', '/v1/journals', { body: { entry_type: 'JNLC', from_account: IDS.trader, amount: '1' } })).toMatchObject({
      status: 400,
      body: { message: 'to_account is required' },
    });
    expect(await journal('1', { to_account: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 404 });
    expect(sim.state.cashOf(IDS.trader)).toBe('5000');
    expect(sim.state.journals).toHaveLength(0);
  });

  it('cancels a pending journal and refuses to cancel an executed one', async () => {
    const pending = (await journal('2000')).body as AlpacaJournal;
    const executed = (await journal('5')).body as AlpacaJournal;
    expect((await call(sim, 'DELETE', `/v1/journals/${pending.id}`)).status).toBe(204);
    expect((await call(sim, 'DELETE', `/v1/journals/${executed.id}`)).status).toBe(422);
    await nextDay(sim);
    expect(sim.state.cashOf(IDS.trader)).toBe('4995');
  });
});

describe('settlement of sale proceeds on the simulated clock', () => {
  it('books a sale to cash at once but lets the proceeds leave only on the next business day', async () => {
    sim.state.setCash(IDS.trader, '0');
    expect((await call(sim, 'DELETE', `/v1/trading/accounts/${IDS.trader}/positions/AAPL`)).status).toBe(200);
    expect(await tradeAccount(IDS.trader)).toMatchObject({ cash: '2000', cash_withdrawable: '0', cash_transferable: '0' });
    expect((await journal('1')).status).toBe(403);

    const clock = await nextDay(sim);
    expect(clock.day).toBe(1);
    expect(await tradeAccount(IDS.trader)).toMatchObject({ cash: '2000', cash_withdrawable: '2000' });
    expect((await journal('2000')).body).toMatchObject({ status: 'pending' });
  });

  it('answers the clock knob with the simulated date and refuses a bad number of days, with the broker key only', async () => {
    const start = (await call(sim, 'GET', '/sim/v1/clock')).body as { day: number; date: string };
    expect(start.day).toBe(0);
    expect((await call(sim, 'POST', '/sim/v1/clock/advance', { body: { days: 0 } })).status).toBe(400);
    expect((await call(sim, 'POST', '/sim/v1/clock/advance', { auth: null })).status).toBe(401);
    const later = (await call(sim, 'POST', '/sim/v1/clock/advance', { body: { days: 3 } })).body as { day: number; date: string };
    expect(later.day).toBe(3);
    expect(later.date > start.date).toBe(true);
    expect(sim.requests.some((request) => request.path.startsWith('/sim/'))).toBe(false);
  });
});
