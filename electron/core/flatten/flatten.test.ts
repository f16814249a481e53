import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/audit';
import { dec } from '../../../shared/decimal';
import type { Account, ConnectionSummary, Position } from '../../../shared/domain';
import type { FlattenPlan, FlattenReport } from '../../../shared/flatten';
import type { AppCore } from '../../bootstrap';
import { createMemoryAuditKeys } from '../credentials/auditKeyStore';
import { openJournalStores } from '../journal';
import { brokerIdentity, leaseKey } from '../journal/leaseKeys';
import { storeReconcileTarget } from '../reconcile';
import { ALPACA, IDS, ok, SCALETRADE, startDesk, type Desk } from './desk.testkit';

// Flatten through the real core over real HTTP to an Alpaca and a ScaleTrade simulator (desk.testkit.ts).

const desks: Desk[] = [];
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.close();
});

async function desk(options: Parameters<typeof startDesk>[0] = {}): Promise<Desk> {
  const started = await startDesk(options);
  desks.push(started);
  return started;
}

async function prepare(core: AppCore, request: { connections: string[]; accounts?: { connection: string; accountId: string }[] }): Promise<FlattenPlan> {
  return ok(await core.dispatch('flatten:prepare', request)) as FlattenPlan;
}

async function run(core: AppCore, plan: FlattenPlan): Promise<FlattenReport> {
  return ok(await core.dispatch('flatten:run', { runId: plan.runId, confirmPositions: plan.positions })) as FlattenReport;
}

const deletesOf = (sim: Desk['alpaca'], symbol: string) => sim.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/positions/${symbol}`)).length;
const traderOnly = { connections: [ALPACA], accounts: [{ connection: ALPACA, accountId: IDS.trader }] };

describe('flatten', () => {
  it('plans every account of both connections: the positions to close, the orders to cancel and what each broker cannot do', async () => {
    const { core, alpaca } = await desk();
    alpaca.state.addOrder(IDS.trader, { symbol: 'AAPL', qty: '1', side: 'sell', type: 'limit', limit_price: '500', time_in_force: 'gtc' });
    const sentBefore = alpaca.requests.filter((request) => request.method !== 'GET').length;

    const plan = await prepare(core, { connections: [ALPACA, SCALETRADE] });

    const trader = plan.accounts.find((account) => account.accountId === IDS.trader);
    expect(trader?.positions.map((position) => position.symbol).sort()).toEqual(['AAPL', 'GME', 'SQQQ', 'TSLA']);
    expect(trader?.orders.map((order) => order.symbol)).toEqual(['AAPL']);
    expect(trader?.cannotDo).toEqual([]);
    const scaletrade = plan.accounts.find((account) => account.connection === SCALETRADE);
    expect(scaletrade?.positions).toHaveLength(25);
    expect(scaletrade?.orders).toEqual([]);
    expect(scaletrade?.cannotDo.join(' ')).toMatch(/4 open orders stay .*cannot be cancelled/);
    expect(plan.positions).toBe(plan.accounts.reduce((sum, account) => sum + account.positions.length, 0));
    expect(plan.accounts.map((account) => account.accountNumber)).toContain('4TRQ3MGG');
    expect(alpaca.requests.filter((request) => request.method !== 'GET').length).toBe(sentBefore);
  });

  it('refuses a typed count other than the plan\'s positions and a connection nobody saved, sending nothing', async () => {
    const { core, alpaca } = await desk();
    const plan = await prepare(core, traderOnly);
    const wrong = await core.dispatch('flatten:run', { runId: plan.runId, confirmPositions: plan.positions - 1 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'validation', field: 'confirmPositions', message: 'confirmPositions must be 4, the number of positions the plan closes' } });
    const unknown = await core.dispatch('flatten:prepare', { connections: ['Nobody'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'validation', field: 'connections', message: 'connections names no saved connection: Nobody' } });
    expect(alpaca.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('flattens both brokers at once, ScaleTrade at its own rate limit: its 429s are waited out and every item goes out once', async () => {
    const { core, alpaca, scaletrade, progress } = await desk({ scaletradeRateLimit: { limit: 6, windowMs: 400 } });
    alpaca.state.addOrder(IDS.trader, { symbol: 'AAPL', qty: '1', side: 'sell', type: 'limit', limit_price: '500', time_in_force: 'gtc' });
    const plan = await prepare(core, { connections: [ALPACA, SCALETRADE], accounts: [{ connection: ALPACA, accountId: IDS.trader }, ...(await scaleTradeAccount(core))] });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const sentFrom = scaletrade.requests.length;

    const report = await run(core, plan);

    expect(report.items).toHaveLength(plan.positions + plan.orders);
    expect(report.items.filter((item) => item.state === 'rejected' || item.state === 'unknown')).toEqual([]);
    expect(report.summary).toEqual({ done: 30, refused: 0, unknown: 0 });
    const closes = scaletrade.requests.slice(sentFrom).filter((request) => request.method !== 'GET' && request.path !== '/sign/in');
    const ticketsSent = closes.map((request) => JSON.stringify(request.body));
    // Every ticket's close was taken exactly once; what the rate limit turned away (each a refused action on the audit
    // trail, its read or its close) went again, and nothing else was sent twice.
    expect(new Set(ticketsSent).size).toBe(25);
    const audit = (ok(await core.dispatch('audit:list', { action: 'close_position' })) as AuditRecord[]).filter((record) => record.connection === SCALETRADE && record.phase === 'outcome');
    const limited = audit.filter((record) => record.errorCode === 'rate_limited').length;
    expect(limited).toBeGreaterThan(0);
    // An accepted close may have a second outcome record, its fill once followed: count actions, not records.
    expect(new Set(audit.filter((record) => record.errorCode === null).map((record) => record.actionId)).size).toBe(25);
    expect(ticketsSent.length).toBeLessThanOrEqual(25 + limited);
    // Read from the simulator itself: a read through the core would queue behind the rate limit it is testing.
    expect(scaletrade.state.tradesOf(scaletrade.login)).toEqual([]);
    for (const symbol of ['AAPL', 'GME', 'SQQQ', 'TSLA']) expect(deletesOf(alpaca, symbol)).toBe(1);
    // The Alpaca cancel went before that account's closes.
    const alpacaSends = alpaca.requests.filter((request) => request.method === 'DELETE');
    expect(alpacaSends[0]?.path).toMatch(/\/orders\//);
    expect(progress.filter((event) => event.runId === plan.runId)).toHaveLength(30);
    expect(progress.at(-1)).toMatchObject({ done: 30, total: 30 });
  });

  it('reports a close whose answer never came as outcome unknown and never sends it again', async () => {
    const { core, alpaca } = await desk({ brokerTimeoutMs: 600 });
    alpaca.faults.hang = { match: { method: 'DELETE', path: /\/positions\/GME$/ }, when: 'after-apply' };
    const plan = await prepare(core, traderOnly);

    const report = await run(core, plan);

    const gme = report.items.find((item) => item.targetId === 'GME');
    expect(gme).toMatchObject({ state: 'unknown' });
    expect(gme?.actionId).toEqual(expect.any(String));
    expect(deletesOf(alpaca, 'GME')).toBe(1);
    expect(report.items.filter((item) => item.targetId !== 'GME').every((item) => item.state === 'accepted' || item.state === 'filled')).toBe(true);
    expect(report.summary.unknown).toBe(1);
  });

  it('sends nothing twice when a second Closeout flattens the same account at the same time', async () => {
    const { core, alpaca, another } = await desk();
    const second = await another();
    alpaca.faults.latencyMs = 60;
    const first = await prepare(core, traderOnly);
    const other = await prepare(second, traderOnly);

    const [one, two] = await Promise.all([run(core, first), run(second, other)]);

    for (const symbol of ['AAPL', 'GME', 'SQQQ', 'TSLA']) expect(deletesOf(alpaca, symbol)).toBe(1);
    const sent = [...one.items, ...two.items].filter((item) => item.state === 'accepted' || item.state === 'filled');
    expect(sent).toHaveLength(4);
    const refused = [...one.items, ...two.items].filter((item) => item.state === 'rejected');
    expect(refused).toHaveLength(4);
    expect(refused.every((item) => item.errorCode === 'in_flight' || item.errorCode === 'precondition_failed')).toBe(true);
  });

  it('sends nothing for a plan read before another Closeout flattened the account, once that flatten is over', async () => {
    const { core, alpaca, another } = await desk();
    const second = await another();
    const stale = await prepare(second, traderOnly);
    const report = await run(core, await prepare(core, traderOnly));
    expect(report.summary.done).toBe(4);

    const late = await run(second, stale);

    for (const symbol of ['AAPL', 'GME', 'SQQQ', 'TSLA']) expect(deletesOf(alpaca, symbol)).toBe(1);
    expect(late.items.map((item) => item.errorCode)).toEqual(['precondition_failed', 'precondition_failed', 'precondition_failed', 'precondition_failed']);
    expect(late.items[0]?.message).toMatch(/after this plan was read/);
  });

  it('reads back a close that a crashed flatten left sent, and sends nothing for it again', async () => {
    const { core, alpaca, dataDir } = await desk();
    await crashedCloseOf(core, dataDir, 'SQQQ');
    const plan = await prepare(core, traderOnly);

    const report = await run(core, plan);

    expect(deletesOf(alpaca, 'SQQQ')).toBe(0);
    const sqqq = report.items.find((item) => item.targetId === 'SQQQ');
    expect(sqqq).toMatchObject({ earlier: true, actionId: 'action-of-the-crashed-process' });
    for (const symbol of ['AAPL', 'GME', 'TSLA']) expect(deletesOf(alpaca, symbol)).toBe(1);
  });
});

async function scaleTradeAccount(core: AppCore): Promise<{ connection: string; accountId: string }[]> {
  const accounts = ok(await core.dispatch('accounts:list', { connection: SCALETRADE })) as Account[];
  return accounts.map((account) => ({ connection: SCALETRADE, accountId: account.id }));
}

/** A process that sent a close of the whole position and stopped before its answer: its intent stays sent. */
async function crashedCloseOf(core: AppCore, dataDir: string, symbol: string): Promise<void> {
  const position = (ok(await core.dispatch('positions:list', { connection: ALPACA, accountId: IDS.trader })) as Position[]).find((candidate) => candidate.symbol === symbol);
  if (!position) throw new Error(`${symbol} is not open`);
  const [profile] = (ok(await core.dispatch('connections:list', {})) as ConnectionSummary[]).filter((connection) => connection.name === ALPACA);
  const target = leaseKey.position(brokerIdentity(profile as { broker: 'alpaca'; baseUrl: string }), IDS.trader, position.id);
  const crashed = openJournalStores(dataDir, createMemoryAuditKeys());
  const actionId = 'action-of-the-crashed-process';
  crashed.journal.write(() => {
    crashed.intents.prepare({ actionId, kind: 'close_position', connection: ALPACA, broker: 'alpaca', accountId: IDS.trader, target, params: {}, clientOrderId: null, retryOf: null, summary: `close all of ${symbol}` });
    crashed.intents.markSent(actionId, `close of ${position.quantity} shares of ${symbol}`, storeReconcileTarget({ kind: 'close_position', accountId: IDS.trader, position, quantityToClose: dec(position.quantity), startedAt: new Date() }));
  });
  crashed.journal.close();
}
