import diagnosticsChannel from 'node:diagnostics_channel';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the simulated day ends through the simulator's clock knob
import { nextDay } from '../../../sim/alpaca/testSupport';
import { FAKE_CONNECTION, bookAccount, fakeBroker } from './fakeBroker.testkit';
import { accountsToRun, prepareResume, prepareWindDown } from './plan';
import { createMemoryProgressStore } from './progressStore';
import { processStartId } from '../journal/processIdentity';
import { leaseKey } from '../journal/leaseKeys';
import { plantHolder, plantLease } from '../journal/journal.testkit';
import { runWindDown } from './runner';
import { CONNECTION, startSimCore, type SimCore } from './simCore.testkit';
import type { WindDownProgress } from '../../../shared/windDown';

const FAST = { flatTimeoutMs: 3_000, pollIntervalMs: 10 };

const A1 = '1a1a1a1a-0000-4000-8000-000000000001';
const A2 = '2b2b2b2b-0000-4000-8000-000000000002';
const A3 = '3c3c3c3c-0000-4000-8000-000000000003';
const FIRM = 'f1f1f1f1-0000-4000-8000-00000000000f';

let env: SimCore | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('a three-account wind-down where one account must wait for settlement', () => {
  // Cash is arranged so that closing leaves none where the account should close: A1 bought on margin (the sale repays
  // it), A3 is short (buying back spends the short's proceeds). A2's sale leaves proceeds that settle the next day.
  async function start(): Promise<SimCore> {
    return startSimCore([
      {
        id: A1, number: 'CLOSE001', cash: '-2000',
        positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }],
        orders: [{ symbol: 'TSLA', side: 'buy', qty: '1', type: 'limit', limit_price: '300' }],
      },
      { id: A2, number: 'CLOSE002', cash: '0', positions: [{ symbol: 'GME', qty: '4', avg_entry_price: '20' }] },
      { id: A3, number: 'CLOSE003', cash: '2000', positions: [{ symbol: 'TSLA', qty: '-5', avg_entry_price: '420' }] },
    ]);
  }

  it('closes the first and third accounts and parks the second with what it waits for, sending nothing more for it', async () => {
    env = await start();
    const store = env.progress();
    const plan = await prepareWindDown(env.core.handlers, CONNECTION.toLowerCase(), ['CLOSE001', A2, 'close003'], store);
    expect(plan.connection).toBe(CONNECTION);
    expect(plan.resumed).toBe(false);
    expect(accountsToRun(plan).map((account) => account.account?.id)).toEqual([A1, A2, A3]);
    expect(plan.accounts[0]?.steps.map((step) => step.action)).toEqual(['run', 'run', 'run', 'run', 'skip', 'run', 'run']);
    expect(plan.accounts[1]?.steps.map((step) => step.waitsFor ?? step.action)).toEqual(['skip', 'run', 'run', 'settlement', 'skip', 'cash_out', 'cash_out']);

    const events: WindDownProgress[] = [];
    const report = await runWindDown(env.core.handlers, plan, store, { ...FAST, onProgress: (event) => events.push(event) });

    expect(report.accounts.map((account) => [account.number, account.status, account.closed])).toEqual([
      ['CLOSE001', 'done', true],
      ['CLOSE002', 'parked', false],
      ['CLOSE003', 'done', true],
    ]);
    expect(report.status).toBe('parked');
    expect(env.sim.state.getAccount(A2)?.status).toBe('ACTIVE');
    // Closed with nothing left in them (in either order: the accounts run side by side).
    const closures = env.sim.state.closures.map(({ accountId, cash, positionCount, openOrderCount }) => ({ accountId, cash, positionCount, openOrderCount }));
    expect(closures.sort((a, b) => a.accountId.localeCompare(b.accountId))).toEqual([
      { accountId: A1, cash: '0', positionCount: 0, openOrderCount: 0 },
      { accountId: A3, cash: '0', positionCount: 0, openOrderCount: 0 },
    ]);

    const second = report.accounts[1];
    expect(second).toMatchObject({ waitsFor: 'settlement', unknown: false });
    expect(second?.reason).toBe('wait for settlement: 100.00 USD of sale proceeds has not settled yet; it may leave the account once it settles (the next business day). Resume then.');
    expect(second?.steps.map((step) => step.state)).toEqual(['skipped', 'done', 'done', 'waiting', 'not_started', 'not_started', 'not_started']);
    expect(env.sentFor(A2)).toEqual([`DELETE /v1/trading/accounts/${A2}/positions`]);
    expect(report.summary).toEqual({ done: 2, stopped: 0, skipped: 0, parked: 1, unknown: 0 });

    const lastOfSecond = events.filter((event) => event.accountIndex === 1).at(-1);
    expect(lastOfSecond).toMatchObject({ accountCount: 3, account: { number: 'CLOSE002' }, step: 'settle', state: 'waiting' });
    // Accounts end in any order side by side; the count each push carries only grows, and counts none before one ends.
    const ended = events.map((event) => event.accountsEnded);
    expect(ended[0]).toBe(0);
    expect(ended).toEqual([...ended].sort((a, b) => a - b));
    expect(Math.max(...ended)).toBeLessThan(3);
    const stored = await store.load(plan.runId);
    expect(stored).toMatchObject({ runId: plan.runId, status: 'parked', refs: ['CLOSE001', A2, 'close003'], accounts: { [A1]: { status: 'done' }, [A2]: { status: 'parked' } } });
    expect(stored?.report).toEqual(report);
  });

  it('resumes by run id the next simulated day, parks again while the cash has not left, and closes once it has', async () => {
    env = await start();
    const store = env.progress();
    const first = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, ['CLOSE001', A2, 'CLOSE003'], store), store, FAST);
    expect(first.accounts.map((account) => account.status)).toEqual(['done', 'parked', 'done']);

    await nextDay(env.sim);
    const nextMorning = await runWindDown(env.core.handlers, await prepareResume(env.core.handlers, first.runId, store), store, FAST);
    expect(nextMorning.accounts[1]).toMatchObject({ status: 'parked', waitsFor: 'cash_out' });
    expect(nextMorning.accounts[1]?.reason).toMatch(/^re-check: Cash of 100.00 USD must leave the account first: withdraw it at the broker/);

    env.sim.state.setCash(A2, '0');
    const mark = env.sim.requests.length;
    const plan = await prepareResume(env.core.handlers, first.runId, store);
    expect(plan.resumed).toBe(true);
    expect(accountsToRun(plan).map((account) => account.account?.id)).toEqual([A2]);
    expect(plan.accounts.find((account) => account.account?.id === A2)?.completed).toEqual(['cancel_orders', 'close_positions', 'wait_flat', 'settle', 'sweep_cash']);

    const last = await runWindDown(env.core.handlers, plan, store, FAST);
    expect(last.accounts.map((account) => [account.number, account.status, account.closed])).toEqual([
      ['CLOSE001', 'done', true],
      ['CLOSE002', 'done', true],
      ['CLOSE003', 'done', true],
    ]);
    expect(last.status).toBe('finished');
    expect(env.sentFor(A2, mark)).toEqual([`POST /v1/accounts/${A2}/actions/close`]);
    expect(env.sentFor(A1, mark)).toEqual([]);
    expect(env.sentFor(A3, mark)).toEqual([]);
    expect(last.accounts[1]?.steps[1]?.message).toContain('(earlier run)');
  });
});

describe('sweeping the cash to a firm account', () => {
  it('journals cash at once, parks the account whose proceeds settle tomorrow, and sweeps and closes it on resume', async () => {
    env = await startSimCore([
      { id: FIRM, number: 'FIRM0001', cash: '0' },
      { id: A1, number: 'SWEEP001', cash: '-2000', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] },
      { id: A2, number: 'SWEEP002', cash: '750.25' },
      { id: A3, number: 'SWEEP003', cash: '0', positions: [{ symbol: 'GME', qty: '4', avg_entry_price: '20' }] },
    ]);
    const store = env.progress();
    const plan = await prepareWindDown(env.core.handlers, CONNECTION, ['SWEEP001', 'SWEEP002', 'SWEEP003'], store, { sweepTo: 'FIRM0001' });
    expect(plan.sweepTo).toEqual({ accountId: FIRM, number: 'FIRM0001', name: expect.any(String) });
    expect(plan.accounts.map((account) => account.sweepEstimate)).toEqual(['0', '750.25', '100']);
    expect(plan.accounts[2]?.steps.find((step) => step.step === 'sweep_cash')).toMatchObject({ action: 'run', waitsFor: 'settlement' });

    const first = await runWindDown(env.core.handlers, plan, store, FAST);
    expect(first.accounts.map((account) => [account.number, account.status, account.closed])).toEqual([
      ['SWEEP001', 'done', true],
      ['SWEEP002', 'done', true],
      ['SWEEP003', 'parked', false],
    ]);
    expect(first.accounts[1]?.steps.find((step) => step.step === 'sweep_cash')?.message).toMatch(/^Swept: journal .* of 750\.25 to firm account FIRM0001 is executed\.$/);
    expect(env.sim.state.cashOf(FIRM)).toBe('750.25');

    await nextDay(env.sim);
    const resumed = await runWindDown(env.core.handlers, await prepareResume(env.core.handlers, first.runId, store), store, FAST);
    expect(resumed.accounts[2]).toMatchObject({ status: 'done', closed: true });
    expect(env.sim.state.cashOf(FIRM)).toBe('850.25');
    expect(env.sim.state.closures.map((closure) => [closure.accountId, closure.cash]).sort()).toEqual([[A1, '0'], [A2, '0'], [A3, '0']]);
    expect(env.sim.state.journals.map(({ journal }) => [journal.from_account, journal.net_amount, journal.status])).toEqual([
      [A2, '750.25', 'executed'],
      [A3, '100', 'executed'],
    ]);
  });

  it('reads back a journal whose answer never came, never sends it again, and waits for it to execute', async () => {
    env = await startSimCore([{ id: FIRM, number: 'FIRM0001', cash: '0' }, { id: A1, number: 'BIG00001', cash: '90000' }], { brokerTimeoutMs: 300 });
    const store = env.progress();
    env.sim.faults.hang = { when: 'after-apply', match: { method: 'POST', path: /^\/v1\/journals$/ } };
    const plan = await prepareWindDown(env.core.handlers, CONNECTION, [A1], store, { sweepTo: FIRM });
    const first = await runWindDown(env.core.handlers, plan, store, FAST);
    expect(first.accounts[0]).toMatchObject({ status: 'stopped', unknown: true, errorCode: 'outcome_unknown' });
    env.sim.faults.reset();

    await env.restart();
    const again = await runWindDown(env.core.handlers, await prepareResume(env.core.handlers, first.runId, store), store, FAST);
    expect(again.accounts[0]).toMatchObject({ status: 'parked', waitsFor: 'cash_out' });
    expect(again.accounts[0]?.steps.find((step) => step.step === 'sweep_cash')?.message).toMatch(/^Read back: journal .* of 90,000.00 to firm account FIRM0001 is pending/);

    await nextDay(env.sim);
    const done = await runWindDown(env.core.handlers, await prepareResume(env.core.handlers, first.runId, store), store, FAST);
    expect(done.accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(env.sim.requests.filter((request) => request.method === 'POST' && request.path === '/v1/journals')).toHaveLength(1);
    expect(env.sim.state.cashOf(FIRM)).toBe('90000');
  });

  it('sweeps on a resume that names a firm account the cash of an account parked by a run that swept nothing', async () => {
    env = await startSimCore([{ id: FIRM, number: 'FIRM0001', cash: '0' }, { id: A1, number: 'NOSWEEP1', cash: '320.50' }]);
    const store = env.progress();
    const first = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store, { sweepTo: null }), store, FAST);
    expect(first.accounts[0]).toMatchObject({ status: 'parked', waitsFor: 'cash_out' });
    expect(first.accounts[0]?.steps.find((step) => step.step === 'sweep_cash')?.state).toBe('skipped');

    const plan = await prepareResume(env.core.handlers, first.runId, store, { sweepTo: 'FIRM0001' });
    expect(plan.accounts[0]?.completed).not.toContain('sweep_cash');
    const resumed = await runWindDown(env.core.handlers, plan, store, FAST);
    expect(resumed.accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(resumed.accounts[0]?.steps.find((step) => step.step === 'sweep_cash')?.message).toMatch(/^Swept: journal .* of 320\.50 to firm account FIRM0001 is executed\.$/);
    expect(env.sim.state.cashOf(FIRM)).toBe('320.5');
    expect(env.sim.state.closures.map((closure) => [closure.accountId, closure.cash])).toEqual([[A1, '0']]);
  });

  it('says the broker cannot sweep where it cannot, before reading any account', async () => {
    const broker = fakeBroker([{ account: bookAccount('a1', 'N1'), cash: '10', positions: [], orders: [] }], { broker: 'clearstreet' });
    await expect(prepareWindDown(broker.handlers, FAKE_CONNECTION, ['N1'], createMemoryProgressStore(), { sweepTo: 'N1' })).rejects.toMatchObject({
      code: 'unsupported',
      field: 'sweepTo',
      message: 'Clear Street cannot sweep cash: The Clear Street trading API moves no cash between accounts.',
    });
    expect(broker.sent).toEqual([]);
  });
});

describe('the firm account a wind-down sweeps to', () => {
  function firmBroker() {
    const books = [
      { account: bookAccount('a1', 'N1'), cash: '10', positions: [], orders: [] },
      { account: bookAccount('f1', 'FIRM1'), cash: '0', positions: [], orders: [] },
      { account: bookAccount('f2', 'FIRM2'), cash: '0', positions: [], orders: [] },
    ];
    const listed = fakeBroker(books).handlers['connections:list'];
    const firmAccount = { accountId: 'f1', number: 'FIRM1', name: 'Holder FIRM1' };
    return fakeBroker(books, { overrides: { 'connections:list': async (request) => (await listed(request)).map((connection) => ({ ...connection, firmAccount })) } });
  }

  it('is the connection\'s unless the request names another or none, and shows in the plan', async () => {
    const broker = firmBroker();
    const store = createMemoryProgressStore();
    const byDefault = await prepareWindDown(broker.handlers, FAKE_CONNECTION, ['N1'], store);
    expect(byDefault.sweepTo).toEqual({ accountId: 'f1', number: 'FIRM1', name: 'Holder FIRM1' });
    expect(byDefault.accounts[0]?.steps.find((step) => step.step === 'sweep_cash')).toMatchObject({ action: 'run', note: expect.stringContaining('to firm account FIRM1') as string });
    expect((await prepareWindDown(broker.handlers, FAKE_CONNECTION, ['N1'], store, { sweepTo: 'FIRM2' })).sweepTo?.number).toBe('FIRM2');
    expect((await prepareWindDown(broker.handlers, FAKE_CONNECTION, ['N1'], store, { sweepTo: null })).sweepTo).toBeNull();
    expect(broker.sent).toEqual([]);
  });
});

describe('outcomes that are unknown', () => {
  it('stops an account whose close never answers as unknown, and a re-run verifies it closed without sending it again', async () => {
    env = await startSimCore([{ id: A1, number: 'HANG0001', cash: '0' }], { brokerTimeoutMs: 300 });
    const store = env.progress();
    env.sim.faults.hang = { when: 'after-apply', match: { method: 'POST' } };
    const first = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, FAST);

    const stopped = first.accounts[0];
    expect(stopped).toMatchObject({ status: 'stopped', unknown: true, errorCode: 'outcome_unknown' });
    expect(stopped?.reason).toMatch(/^unknown: check before re-running\. close account: No answer from Alpaca/);
    expect(stopped?.steps.at(-1)?.state).toBe('unknown');
    expect(first.summary.unknown).toBe(1);

    env.sim.faults.reset();
    const mark = env.sim.requests.length;
    const again = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, FAST);
    expect(again.accounts[0]).toMatchObject({ status: 'done', closed: true, unknown: false });
    expect(again.accounts[0]?.steps.at(-1)?.message).toBe('Verified: account HANG0001 is closed (ACCOUNT_CLOSED).');
    expect(env.sentFor(A1, mark)).toEqual([]);
  });

  it('re-reads the positions before sending a close-all again whose first attempt never arrived', async () => {
    env = await startSimCore([{ id: A1, number: 'HANG0002', cash: '-2000', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] }], { brokerTimeoutMs: 300 });
    const store = env.progress();
    env.sim.faults.hang = { when: 'before-apply', match: { method: 'DELETE' } };
    const first = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, FAST);
    expect(first.accounts[0]).toMatchObject({ status: 'stopped', unknown: true });
    expect(first.accounts[0]?.steps.map((step) => step.state)).toEqual(['skipped', 'unknown', 'not_started', 'not_started', 'not_started', 'not_started', 'not_started']);
    expect(env.sentFor(A1)).toEqual([`DELETE /v1/trading/accounts/${A1}/positions`]);

    env.sim.faults.reset();
    // This core keeps the account locked while it reads to settle the unknown close; the next command starts afresh.
    const sameProcess = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, FAST);
    expect(sameProcess.accounts[0]).toMatchObject({ status: 'stopped', errorCode: 'in_flight' });
    await env.restart();
    const again = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, FAST);
    expect(again.accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(env.sentFor(A1)).toEqual([
      `DELETE /v1/trading/accounts/${A1}/positions`,
      `DELETE /v1/trading/accounts/${A1}/positions`,
      `POST /v1/accounts/${A1}/actions/close`,
    ]);
  });
});

describe('waiting until flat', () => {
  it('stops when the closing orders have not filled in time, and the re-run waits again instead of closing again', async () => {
    env = await startSimCore([{ id: A1, number: 'SLOW0001', cash: '-2000', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] }], { fillDelayMs: 400 });
    const store = env.progress();
    const first = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, { flatTimeoutMs: 100, pollIntervalMs: 20 });
    expect(first.accounts[0]?.status).toBe('stopped');
    expect(first.accounts[0]?.reason).toMatch(/^wait until flat: Not flat after 100 ms: 1 position \(AAPL long 10\) and 1 open order \(AAPL sell 10\) remain\./);

    const again = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, [A1], store), store, FAST);
    expect(again.accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(env.sentFor(A1).filter((request) => request.startsWith('DELETE'))).toHaveLength(1);
  });
});

describe('many accounts under the broker\'s rate limit', () => {
  it('runs accounts side by side, waits out every 429 the limit answers, and closes each account once', async () => {
    const ids = Array.from({ length: 8 }, (_, index) => `5e5e5e5e-0000-4000-8000-00000000001${index}`);
    env = await startSimCore(
      ids.map((id, index) => ({ id, number: `RATE000${index}`, cash: '-2000', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] })),
      { rateLimit: { limit: 12, windowMs: 300 } },
    );
    const tooMany = countTooMany(Number(new URL(env.sim.url).port));
    const store = env.progress();
    const plan = await prepareWindDown(env.core.handlers, CONNECTION, ids, store);
    let underWay = 0;
    let most = 0;
    const report = await runWindDown(env.core.handlers, plan, store, {
      ...FAST,
      concurrency: 4,
      onProgress: (event) => {
        if (event.step === 'close_positions' && event.state === 'running') most = Math.max(most, ++underWay);
        if (event.step === 'close_account' && event.state !== 'running') underWay -= 1;
      },
    });

    expect(report.accounts.map((account) => [account.status, account.closed])).toEqual(ids.map(() => ['done', true]));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    expect(tooMany.count).toBeGreaterThan(0);
    expect(env.sim.state.closures.map((closure) => closure.accountId).sort()).toEqual([...ids].sort());
    tooMany.stop();
  }, 90_000);
});

/** The simulator's 429 answers, counted as Node's HTTP server finishes them. */
function countTooMany(port: number): { count: number; stop(): void } {
  const counter = { count: 0, stop: () => diagnosticsChannel.unsubscribe(FINISHED, onFinish) };
  const onFinish = (message: unknown) => {
    const { server, response } = message as { server: Server; response: ServerResponse };
    if ((server.address() as AddressInfo | null)?.port === port && response.statusCode === 429) counter.count += 1;
  };
  diagnosticsChannel.subscribe(FINISHED, onFinish);
  return counter;
}
const FINISHED = 'http.server.response.finish';

describe('one run id at a time', () => {
  it('refuses to run an id another Closeout process is running, before sending anything, and runs it once released', async () => {
    env = await startSimCore([{ id: A1, number: 'LOCK0001', cash: '-2000', positions: [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }] }]);
    const store = env.progress();
    const plan = await prepareWindDown(env.core.handlers, CONNECTION, [A1], store, { runId: 'shared-run' });
    // The other process (the app, or a second `closeout` command) holds the run's lease.
    const { journal } = env.core.stores;
    plantLease(journal, leaseKey.windDownRun('shared-run'), plantHolder(journal, process.ppid, processStartId(process.ppid)), 'wind-down run shared-run');

    await expect(runWindDown(env.core.handlers, plan, store, FAST)).rejects.toMatchObject({ code: 'in_flight', outcome: 'not_sent', field: 'runId' });
    expect(env.sentFor(A1)).toEqual([]);

    journal.db.prepare('DELETE FROM leases').run();
    expect((await runWindDown(env.core.handlers, plan, store, FAST)).accounts[0]).toMatchObject({ status: 'done', closed: true });
    expect(journal.db.prepare('SELECT count(*) AS n FROM leases').get()).toEqual({ n: 0 });
  });
});
