import { afterEach, describe, expect, it } from 'vitest';
import { accountsToRun, prepareWindDown } from './plan';
import { processStartId } from '../journal/processIdentity';
import { leaseKey } from '../journal/leaseKeys';
import { plantHolder, plantLease } from '../journal/journal.testkit';
import { runWindDown } from './runner';
import { CONNECTION, startSimCore, type SimCore } from './simCore';
import type { WindDownProgress } from '../../../shared/windDown';

const FAST = { flatTimeoutMs: 3_000, pollIntervalMs: 10 };

const A1 = '1a1a1a1a-0000-4000-8000-000000000001';
const A2 = '2b2b2b2b-0000-4000-8000-000000000002';
const A3 = '3c3c3c3c-0000-4000-8000-000000000003';

let env: SimCore | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('a three-account wind-down with one failure in the middle', () => {
  // Cash is arranged so that closing leaves none where the account should close: A1 bought on margin (the sale repays
  // it), A3 is short (buying back spends the short's proceeds). A2's sale leaves cash, which Closeout never moves.
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

  it('closes the first and third accounts, stops the second with the reason and sends nothing more for it', async () => {
    env = await start();
    const store = env.progress();
    const plan = await prepareWindDown(env.core.handlers, CONNECTION.toLowerCase(), ['CLOSE001', A2, 'close003'], store);
    expect(plan.connection).toBe(CONNECTION);
    expect(plan.resumed).toBe(false);
    expect(accountsToRun(plan).map((account) => account.account?.id)).toEqual([A1, A2, A3]);
    expect(plan.accounts[0]?.steps.map((step) => step.action)).toEqual(['run', 'run', 'run', 'run', 'run']);
    expect(plan.accounts[1]?.steps.map((step) => step.action)).toEqual(['skip', 'run', 'run', 'run', 'run']);

    const events: WindDownProgress[] = [];
    const report = await runWindDown(env.core.handlers, plan, store, { ...FAST, onProgress: (event) => events.push(event) });

    expect(report.accounts.map((account) => [account.number, account.status, account.closed])).toEqual([
      ['CLOSE001', 'done', true],
      ['CLOSE002', 'stopped', false],
      ['CLOSE003', 'done', true],
    ]);
    expect(env.sim.state.getAccount(A1)?.status).toBe('ACCOUNT_CLOSED');
    expect(env.sim.state.getAccount(A2)?.status).toBe('ACTIVE');
    expect(env.sim.state.getAccount(A3)?.status).toBe('ACCOUNT_CLOSED');
    // Closed with nothing left in them.
    expect(env.sim.state.closures.map(({ accountId, cash, positionCount, openOrderCount }) => ({ accountId, cash, positionCount, openOrderCount }))).toEqual([
      { accountId: A1, cash: '0', positionCount: 0, openOrderCount: 0 },
      { accountId: A3, cash: '0', positionCount: 0, openOrderCount: 0 },
    ]);

    const second = report.accounts[1];
    expect(second?.reason).toContain(`Cash of ${env.sim.state.cashOf(A2)} USD must be withdrawn first.`);
    expect(second?.reason).toContain('Closeout never moves cash');
    expect(second?.errorCode).toBe('precondition_failed');
    expect(second?.steps.map((step) => step.state)).toEqual(['skipped', 'done', 'done', 'failed', 'not_started']);
    expect(env.sentFor(A2)).toEqual([`DELETE /v1/trading/accounts/${A2}/positions`]);
    expect(env.sentFor(A1)).toEqual([
      `DELETE /v1/trading/accounts/${A1}/orders/${env.sim.state.ordersOf(A1)[0]?.id}`,
      `DELETE /v1/trading/accounts/${A1}/positions`,
      `POST /v1/accounts/${A1}/actions/close`,
    ]);
    expect(report.summary).toEqual({ done: 2, stopped: 1, skipped: 0, unknown: 0 });

    const lastOfSecond = events.filter((event) => event.accountIndex === 1).at(-1);
    expect(lastOfSecond).toMatchObject({ accountCount: 3, account: { number: 'CLOSE002' }, step: 'recheck', state: 'failed' });
    expect(events.filter((event) => event.accountIndex === 2 && event.state !== 'running').map((event) => event.step)).toEqual([
      'cancel_orders', 'close_positions', 'wait_flat', 'recheck', 'close_account',
    ]);
    expect(await store.load(plan.runId)).toMatchObject({ runId: plan.runId, accounts: { [A1]: { status: 'done' }, [A2]: { status: 'stopped' } } });
  });

  it('resumes after the cash is withdrawn, closing the second account without repeating the others', async () => {
    env = await start();
    const store = env.progress();
    const refs = ['CLOSE001', A2, 'CLOSE003'];
    const first = await runWindDown(env.core.handlers, await prepareWindDown(env.core.handlers, CONNECTION, refs, store), store, FAST);
    expect(first.accounts.map((account) => account.status)).toEqual(['done', 'stopped', 'done']);

    env.sim.state.setCash(A2, '0');
    const mark = env.sim.requests.length;
    const plan = await prepareWindDown(env.core.handlers, CONNECTION, [...refs].reverse(), store);
    expect(plan.runId).toBe(first.runId);
    expect(plan.resumed).toBe(true);
    expect(accountsToRun(plan).map((account) => account.account?.id)).toEqual([A2]);
    expect(plan.accounts.find((account) => account.account?.id === A2)?.completed).toEqual(['cancel_orders', 'close_positions', 'wait_flat']);

    const second = await runWindDown(env.core.handlers, plan, store, FAST);
    expect(second.accounts.map((account) => [account.number, account.status, account.closed])).toEqual([
      ['CLOSE003', 'done', true],
      ['CLOSE002', 'done', true],
      ['CLOSE001', 'done', true],
    ]);
    expect(env.sim.state.getAccount(A2)?.status).toBe('ACCOUNT_CLOSED');
    expect(env.sentFor(A2, mark)).toEqual([`POST /v1/accounts/${A2}/actions/close`]);
    expect(env.sentFor(A1, mark)).toEqual([]);
    expect(env.sentFor(A3, mark)).toEqual([]);
    const resumed = second.accounts[1];
    expect(resumed?.steps.map((step) => step.state)).toEqual(['skipped', 'done', 'done', 'done', 'done']);
    expect(resumed?.steps[1]?.message).toContain('(earlier run)');
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
    expect(first.accounts[0]?.steps.map((step) => step.state)).toEqual(['skipped', 'unknown', 'not_started', 'not_started', 'not_started']);
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
