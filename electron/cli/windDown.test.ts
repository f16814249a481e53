import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
import { fixtureData, IDS, nextDay } from '../../sim/alpaca/testSupport';
import type { WindDownReport } from '../../shared/windDown';
import { createJournalProgressStore } from '../core/windDown/progressStore';
import { createMemoryAuditKeys } from '../core/credentials/auditKeyStore';
import { openJournalStores } from '../core/journal';
import { closeoutRunner, KEYCHAIN_READY, KEYCHAIN_REASON, parseJson } from './spawnCloseout.testkit';

// wind-down as a script runs it: the real bin/closeout.mjs in a child process, the Alpaca simulator in this one.

const A1 = '1a1a1a1a-0000-4000-8000-0000000000c1';
const A2 = '2b2b2b2b-0000-4000-8000-0000000000c2';
const A3 = '3c3c3c3c-0000-4000-8000-0000000000c3';
const HANGS = '4d4d4d4d-0000-4000-8000-0000000000c4';
const FIRM = '5e5e5e5e-0000-4000-8000-0000000000c5';

/** A test here starts the command, which alone takes seconds on a busy machine. */
const PROCESS_MS = 60_000;

let dataDir: string;
const cli = closeoutRunner(() => dataDir);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-cli-closeout-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!KEYCHAIN_READY)(`wind-down against the Alpaca simulator (${KEYCHAIN_REASON})`, () => {
  let sim: AlpacaSim;

  function sentFor(accountId: string, since = 0): string[] {
    return sim.requests.slice(since).filter((request) => request.method !== 'GET' && request.path.includes(accountId)).map((request) => `${request.method} ${request.path}`);
  }

  beforeAll(async () => {
    sim = await startAlpacaSim({ fillDelayMs: 0, data: fixtureData() });
    const template = sim.state.getAccount(IDS.flat);
    if (!template) throw new Error('the fixture book has no flat account');
    const add = (id: string, number: string, cash: string, positions: { symbol: string; qty: string; avg_entry_price: string }[]) =>
      sim.state.addAccount({ account: { ...template, id, account_number: number }, cash, positions, orders: [] });
    // Closing A1 repays its margin and buying back A3's short spends its proceeds: both end with no cash. A2 keeps cash.
    add(A1, 'CLOUT001', '-2000', [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }]);
    sim.state.addOrder(A1, { symbol: 'TSLA', side: 'buy', qty: '1', type: 'limit', limit_price: '300' });
    add(A2, 'CLOUT002', '0', [{ symbol: 'GME', qty: '4', avg_entry_price: '20' }]);
    add(A3, 'CLOUT003', '2000', [{ symbol: 'TSLA', qty: '-5', avg_entry_price: '420' }]);
    add(HANGS, 'CLOUT004', '0', []);
    add(FIRM, 'FIRM0001', '0', []);
    const added = await cli.run(['connections', 'add', 'Alpaca sim', '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], { input: sim.secret });
    expect(added.code, added.stderr).toBe(0);
  }, PROCESS_MS);

  afterAll(async () => {
    await sim?.close();
  });

  it('parks the account whose proceeds settle tomorrow and exits 4, then --resume with --sweep-to finishes it the next day, --json throughout', async () => {
    const list = path.join(dataDir, 'accounts.csv');
    const csv = path.join(dataDir, 'report.csv');
    await writeFile(list, `account_number,ticket\nCLOUT001,T-1\nCLOUT002,T-2\n${A3},T-3\n`);

    const first = await cli.run(['wind-down', 'Alpaca sim', '--file', list, '--yes', '--json', '--report', csv]);
    expect(first.code, first.stderr).toBe(4);
    const report = parseJson<WindDownReport>(first);
    expect(report.status).toBe('parked');
    expect(report.accounts.map((account) => [account.number, account.status])).toEqual([['CLOUT001', 'done'], ['CLOUT002', 'parked'], ['CLOUT003', 'done']]);
    expect(report.accounts[1]).toMatchObject({ waitsFor: 'settlement', reason: expect.stringContaining('100.00 USD of sale proceeds has not settled yet') });
    expect([A1, A2, A3].map((id) => sim.state.getAccount(id)?.status)).toEqual(['ACCOUNT_CLOSED', 'ACTIVE', 'ACCOUNT_CLOSED']);
    expect(sentFor(A2)).toEqual([`DELETE /v1/trading/accounts/${A2}/positions`]);
    expect(first.stderr).toContain('Cash sweep: off (cash must be withdrawn at the broker).');
    expect(first.stderr).toContain('    - waits (settlement): waits for about 100.00 USD of sale proceeds to settle (the next business day)');
    expect(first.stderr).toContain('account 3 of 3: CLOUT003');
    expect((await readFile(csv, 'utf8')).split('\r\n')[2]).toMatch(new RegExp(`^CLOUT002,${A2},CLOUT002,Daniel Reyes,parked,no,no,wait for settlement: 100.00 USD of sale proceeds`));

    await nextDay(sim);
    const mark = sim.requests.length;
    const again = await cli.run(['wind-down', '--resume', report.runId, '--sweep-to', 'FIRM0001', '--yes', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const resumed = parseJson<WindDownReport>(again);
    expect(resumed).toMatchObject({ runId: report.runId, status: 'finished', summary: { done: 3, parked: 0, stopped: 0 } });
    expect(again.stderr).toContain('Cash sweep: to firm account FIRM0001');
    expect(resumed.accounts[1]?.steps.find((step) => step.step === 'sweep_cash')?.message).toMatch(/^Swept: journal .* of 100.00 to firm account FIRM0001 is executed\.$/);
    expect(sim.state.getAccount(A2)?.status).toBe('ACCOUNT_CLOSED');
    expect([A1, A2, A3].map((id) => sentFor(id, mark))).toEqual([[], [`POST /v1/accounts/${A2}/actions/close`], []]);
    expect(sim.requests.slice(mark).filter((request) => request.path === '/v1/journals' && request.method === 'POST').map((request) => request.body)).toEqual([
      { entry_type: 'JNLC', from_account: A2, to_account: FIRM, amount: '100', description: `Closeout cash sweep ${report.runId}.${A2}` },
    ]);

    const settled = await cli.run(['closeout-accounts', 'Alpaca sim', '--resume', report.runId, '--yes', '--json']);
    expect(settled.code, settled.stderr).toBe(0);
    expect(parseJson<WindDownReport>(settled).accounts.map((account) => account.status)).toEqual(['done', 'done', 'done']);
    const journal = openJournalStores(dataDir, createMemoryAuditKeys());
    try {
      expect(await createJournalProgressStore(journal).load(report.runId)).toMatchObject({ runId: report.runId, status: 'finished', accounts: { [A2]: { status: 'done' } } });
    } finally {
      journal.journal.close();
    }
  }, 120_000);

  it('refuses --resume with a list, an unknown run id, and a sweep to an account that is not there, sending nothing', async () => {
    const mark = sim.requests.length;
    const mixed = await cli.run(['wind-down', '--resume', 'run-x', '--accounts', 'CLOUT004', '--yes', '--json']);
    expect(mixed.code).toBe(2);
    expect(parseJson<{ error: { field: string } }>(mixed).error.field).toBe('--accounts');
    const unknown = await cli.run(['wind-down', '--resume', 'run-never', '--yes', '--json']);
    expect(unknown.code).toBe(1);
    expect(parseJson<{ error: { code: string; field: string; message: string } }>(unknown).error).toMatchObject({ code: 'not_found', field: 'runId', message: 'There is no wind-down run run-never in this data folder.' });
    const nowhere = await cli.run(['wind-down', 'Alpaca sim', '--accounts', 'CLOUT004', '--sweep-to', 'NOPE0001', '--yes', '--json']);
    expect(nowhere.code).toBe(1);
    expect(parseJson<{ error: { field: string; message: string } }>(nowhere).error).toMatchObject({ field: 'sweepTo', message: 'The firm account NOPE0001 was not found on Alpaca sim.' });
    expect(sim.requests.slice(mark).filter((request) => request.method !== 'GET')).toEqual([]);
  }, 60_000);

  it('sweeps to the connection\'s firm account unless --no-sweep, once connections edit has found it at the broker', async () => {
    const CASH = '6f6f6f6f-0000-4000-8000-0000000000c6';
    const template = sim.state.getAccount(IDS.flat);
    if (!template) throw new Error('the fixture book has no flat account');
    sim.state.addAccount({ account: { ...template, id: CASH, account_number: 'CASH0006' }, cash: '40', positions: [], orders: [] });

    const unknown = await cli.run(['connections', 'edit', 'Alpaca sim', '--firm-account', 'NOPE0002', '--json']);
    expect(unknown.code).toBe(1);
    expect(parseJson<{ error: { code: string; field: string } }>(unknown).error).toMatchObject({ code: 'not_found', field: 'firmAccount' });
    const set = await cli.run(['connections', 'edit', 'Alpaca sim', '--firm-account', 'FIRM0001', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(parseJson<{ firmAccount: unknown }>(set).firmAccount).toEqual({ accountId: FIRM, number: 'FIRM0001', name: 'Daniel Reyes' });
    try {
      const mark = sim.requests.length;
      const off = await cli.run(['wind-down', 'Alpaca sim', '--accounts', 'CASH0006', '--run-id', 'cash-kept', '--no-sweep', '--yes', '--json']);
      expect(off.code, off.stderr).toBe(4);
      expect(off.stderr).toContain('Cash sweep: off');
      expect(parseJson<WindDownReport>(off).accounts[0]).toMatchObject({ status: 'parked', waitsFor: 'cash_out' });

      const swept = await cli.run(['wind-down', 'Alpaca sim', '--accounts', 'CASH0006', '--yes', '--json']);
      expect(swept.code, swept.stderr).toBe(0);
      expect(swept.stderr).toContain('Cash sweep: to firm account FIRM0001 (Daniel Reyes).');
      expect(sim.requests.slice(mark).filter((request) => request.path === '/v1/journals' && request.method === 'POST').map((request) => request.body)).toEqual([
        expect.objectContaining({ entry_type: 'JNLC', from_account: CASH, to_account: FIRM, amount: '40' }),
      ]);
      expect(sim.state.getAccount(CASH)?.status).toBe('ACCOUNT_CLOSED');
    } finally {
      const cleared = await cli.run(['connections', 'edit', 'Alpaca sim', '--no-firm-account', '--json']);
      expect(cleared.code, cleared.stderr).toBe(0);
    }
  }, 120_000);

  it('refuses a run id that another Closeout process is running, exits 1 and sends nothing', async () => {
    // This test process stands for the app holding the run; the command runs in a child process.
    const app = openJournalStores(dataDir, createMemoryAuditKeys());
    const held = await createJournalProgressStore(app).lock('held-run');
    const mark = sim.requests.length;
    try {
      const run = await cli.run(['wind-down', 'Alpaca sim', '--accounts', 'CLOUT004', '--run-id', 'held-run', '--yes']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`wind-down run held-run (action held-run) is in flight in another Closeout (process ${process.pid} on ${os.hostname()}`);
      expect(sentFor(HANGS, mark)).toEqual([]);
      expect(sim.state.getAccount(HANGS)?.status).toBe('ACTIVE');
    } finally {
      await held.release();
      app.journal.close();
    }
  }, PROCESS_MS);

  it('exits 3 when the account close never answers', async () => {
    sim.faults.hang = { when: 'after-apply', match: { method: 'POST' } };
    try {
      const run = await cli.run(['wind-down', 'Alpaca sim', '--accounts', 'CLOUT004', '--yes'], { env: { CLOSEOUT_BROKER_TIMEOUT_MS: '400' } });
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('unknown: check before re-running. close account: No answer from Alpaca');
    } finally {
      sim.faults.reset();
    }
  }, PROCESS_MS);

  it('never printed or stored the secret', async () => {
    for (const output of cli.outputs) expect(output).not.toContain(sim.secret);
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((entry) => entry.isFile())) {
      expect(await readFile(path.join(file.parentPath, file.name), 'utf8')).not.toContain(sim.secret);
    }
  });
});
