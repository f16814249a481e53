import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionReceipt, CloseAllReceipt } from '../../shared/actions';
import { Decimal } from '../../shared/decimal';
import type { Account, ConnectionSummary, Order, Position } from '../../shared/domain';
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
import { withManyAccounts } from '../../sim/alpaca/manyAccounts';
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
import { createMemoryAuditKeys } from '../core/credentials/auditKeyStore';
import { createKeychainVault } from '../core/credentials/keychainVault';
import { openJournalStores } from '../core/journal';
import { brokerIdentity, leaseKey } from '../core/journal/leaseKeys';
import { inProcessRunner } from './inProcessCloseout.testkit';
import { closeoutRunner, KEYCHAIN_READY, KEYCHAIN_REASON, parseJson, type CloseoutRun } from './spawnCloseout.testkit';

// The command against the real Alpaca simulator in this process. Most commands run in this process through runCli;
// a child process runs it where only a process of its own proves it: the real bin/closeout.mjs for the exit status and
// the secret piped on stdin, the bundled command for one that exits on "outcome unknown" and for a lease held by
// another process (this one).
// One simulator and one data folder serve the whole file: each test works on its own account, so state carries over safely.

/** A process start alone takes seconds on a busy machine; a test that starts the command gives it this long. */
const PROCESS_MS = 60_000;

let dataDir: string;
const bin = closeoutRunner(() => dataDir, { bin: true });
const child = closeoutRunner(() => dataDir);
const inProcess = inProcessRunner(() => dataDir);
const viaBin = bin.run;
const inChild = child.run;
const closeout = inProcess.run;
const outputs = () => [...bin.outputs, ...child.outputs, ...inProcess.outputs];
const json = parseJson;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-cli-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('closeout without a broker', () => {
  it('prints the usage for --help and exits 0', async () => {
    const run = await viaBin(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('close-all NAME [--account ID] [--cancel-orders] [--wait]');
  }, PROCESS_MS);

  it('exits 2 naming the flag and the rule for bad usage', async () => {
    const run = await viaBin(['close', 'x', '--position', 'AAPL', '--qty', '1', '--percent', '5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--qty cannot be combined with --percent');
    expect(run.stderr).toContain("Run 'closeout close --help' for usage.");
  }, PROCESS_MS);
});

describe('in CI', () => {
  it.runIf(!KEYCHAIN_READY && process.env.CI === 'true')('has the private keychain the command tests need', () => {
    expect.fail(`the closeout command tests ${KEYCHAIN_REASON}`);
  });
});

describe.skipIf(!KEYCHAIN_READY)(`closeout against the Alpaca simulator (${KEYCHAIN_REASON})`, () => {
  let sim: AlpacaSim;
  let solo: AlpacaSim;
  let added: CloseoutRun;
  const ACCOUNT = { closeAll: '7a1f5e0c-2b44-4c1e-9a57-0c1d2e3f4a51', orders: '8b2a6f1d-3c55-4d2f-8b68-1d2e3f4a5b62' };

  beforeAll(async () => {
    sim = await startAlpacaSim({ fillDelayMs: 0, data: fixtureData() });
    const template = sim.state.getAccount(IDS.flat);
    if (!template) throw new Error('the fixture book has no flat account');
    sim.state.addAccount({ account: { ...template, id: ACCOUNT.closeAll, account_number: 'CLALL001' }, cash: '100', positions: [
      { symbol: 'AAPL', qty: '3', avg_entry_price: '150' },
      { symbol: 'TSLA', qty: '2', avg_entry_price: '380' },
    ], orders: [] });
    // An open sell holds the whole TSLA position, so closing all refuses TSLA with a 403 inside the 207.
    sim.state.addOrder(ACCOUNT.closeAll, { symbol: 'TSLA', side: 'sell', qty: '2', type: 'limit', limit_price: '999' });
    sim.state.addAccount({ account: { ...template, id: ACCOUNT.orders, account_number: 'ORDRS001' }, cash: '100', positions: [
      { symbol: 'AAPL', qty: '5', avg_entry_price: '150' },
    ], orders: [] });
    sim.state.addOrder(ACCOUNT.orders, { symbol: 'AAPL', side: 'sell', qty: '1', type: 'limit', limit_price: '250' });

    const soloData = fixtureData();
    soloData.accounts = soloData.accounts.filter((holdings) => holdings.account.id === IDS.trader);
    solo = await startAlpacaSim({ fillDelayMs: 0, data: soloData });

    added = await viaBin(['connections', 'add', 'Alpaca sim', '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], { input: `${sim.secret}\n` });
    await closeout(['connections', 'add', 'solo', '--broker', 'alpaca', '--base-url', solo.url, '--key-id', solo.keyId], { input: solo.secret });
  }, PROCESS_MS);

  afterAll(async () => {
    await sim?.close();
    await solo?.close();
  });

  it('adds a connection with the secret piped on stdin and lists it', async () => {
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added connection Alpaca sim');
    const list = await closeout(['connections', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(json<ConnectionSummary[]>(list).map((connection) => [connection.name, connection.baseUrl])).toEqual([
      ['Alpaca sim', sim.url],
      ['solo', solo.url],
    ]);
  });

  it('exits 2 naming --base-url and the https rule for plain http to a remote host, and saves nothing', async () => {
    const run = await closeout(['connections', 'add', 'remote', '--broker', 'alpaca', '--base-url', 'http://broker-api.alpaca.markets', '--key-id', 'AKID'], { input: 'remote-secret' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('baseUrl must start with https:// (plain http:// is allowed only for localhost, 127.0.0.0/8 and [::1]) (--base-url)');
    const list = await closeout(['connections', 'list', '--json']);
    expect(json<ConnectionSummary[]>(list).map((connection) => connection.name)).not.toContain('remote');
    expect(await createKeychainVault().get('remote')).toBeNull();
  });

  it('finds accounts by --search', async () => {
    const run = await closeout(['accounts', 'Alpaca sim', '--search', 'Reyes', '--json']);
    expect(run.code).toBe(0);
    const expected = sim.state.listAccounts().filter((account) => account.identity.family_name === 'Reyes').map((account) => account.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(json<Account[]>(run).map((account) => account.id).sort()).toEqual(expected.sort());
  });

  it('lists every account past Alpaca\'s 1,000 an answer, stops at --limit and searches at the broker', async () => {
    const many = await startAlpacaSim({ data: withManyAccounts(fixtureData(), 2500) });
    try {
      const add = await closeout(['connections', 'add', 'many', '--broker', 'alpaca', '--base-url', many.url, '--key-id', many.keyId], { input: many.secret });
      expect(add.code).toBe(0);
      const all = json<Account[]>(await closeout(['accounts', 'many', '--json']));
      expect(all).toHaveLength(2500);
      expect(all.at(-1)?.number).toBe('900002500');
      const limited = await closeout(['accounts', 'many', '--limit', '1200']);
      expect(limited.code).toBe(0);
      expect(limited.stdout).toContain('900001200');
      expect(limited.stdout).not.toContain('900001201');
      expect(limited.stdout).toContain('1,200 accounts: the first 1,200 (--limit); there may be more.');
      const found = json<Account[]>(await closeout(['accounts', 'many', '--search', '900002345', '--json']));
      expect(found.map((account) => account.number)).toEqual(['900002345']);
      expect((await closeout(['accounts', 'many', '--limit', '0'])).stderr).toContain('--limit must be a whole number from 1 to 9999999');
    } finally {
      await closeout(['connections', 'remove', 'many', '--yes']);
      await many.close();
    }
  }, 120_000);

  it('requires --account when the connection has several, saying how many', async () => {
    const run = await closeout(['positions', 'Alpaca sim']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--account is required: connection "Alpaca sim" has ${sim.state.listAccounts().length} accounts`);
  });

  it('prints positions as domain objects, taking the only account when --account is left out', async () => {
    const run = await closeout(['positions', 'solo', '--json']);
    expect(run.code).toBe(0);
    const positions = json<Position[]>(run);
    expect(positions.map((position) => position.symbol).sort()).toEqual(solo.state.positionsOf(IDS.trader).map((position) => position.symbol).sort());
    const aapl = positions.find((position) => position.symbol === 'AAPL');
    const simAapl = solo.state.positionOf(IDS.trader, 'AAPL');
    expect(aapl).toMatchObject({
      id: expect.any(String),
      side: 'long',
      quantity: simAapl?.qty,
      avgPrice: simAapl?.avg_entry_price,
      lastPrice: simAapl?.current_price,
      unrealizedPnl: simAapl?.unrealized_pl,
    });
  });

  it('prints orders with id, symbol, side, quantity and status', async () => {
    const run = await closeout(['orders', 'Alpaca sim', '--account', ACCOUNT.orders, '--json']);
    expect(run.code).toBe(0);
    const [simOrder] = sim.state.ordersOf(ACCOUNT.orders);
    expect(json<Order[]>(run)).toEqual([expect.objectContaining({ id: simOrder?.id, symbol: 'AAPL', side: 'sell', quantity: simOrder?.qty, status: simOrder?.status })]);
  });

  it('cancels an order', async () => {
    const orderId = sim.state.ordersOf(ACCOUNT.orders)[0]?.id ?? '';
    const run = await closeout(['cancel', 'Alpaca sim', '--account', ACCOUNT.orders, '--order', orderId, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json<ActionReceipt>(run)).toMatchObject({ kind: 'cancel_order', state: 'accepted' });
    expect(sim.state.getOrder(ACCOUNT.orders, orderId)?.status).toBe('canceled');
  });

  it('refuses to close without --yes when no terminal can ask, and sends nothing', async () => {
    const before = sim.state.positionOf(IDS.trader, 'GME')?.qty;
    const run = await closeout(['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'GME']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refusing to close a position without confirmation: pass --yes');
    expect(sim.state.positionOf(IDS.trader, 'GME')?.qty).toBe(before);
  });

  it('closes a whole position', async () => {
    const run = await closeout(['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'AAPL', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('state: ');
    expect(sim.state.positionOf(IDS.trader, 'AAPL')).toBeUndefined();
  });

  it('with --wait, follows the closing order and prints its fill; --json carries it as fill', async () => {
    const template = sim.state.getAccount(IDS.flat);
    if (!template) throw new Error('the fixture book has no flat account');
    const accountId = '9c3b7a2e-4d66-4e3a-9c79-2e3f4a5b6c73';
    sim.state.addAccount({ account: { ...template, id: accountId, account_number: 'WAIT0001' }, cash: '0', positions: [{ symbol: 'AAPL', qty: '4', avg_entry_price: '150' }], orders: [] });
    const price = sim.state.requireAsset('AAPL').price;
    const run = await closeout(['close', 'Alpaca sim', '--account', accountId, '--position', 'AAPL', '--yes', '--wait', '--json']);
    expect(run.code).toBe(0);
    expect(json<ActionReceipt>(run)).toMatchObject({
      state: 'filled',
      fill: { status: 'filled', filledQuantity: '4', remaining: '0', avgPrice: price, realizedPnl: new Decimal(price).minus(150).times(4).toDecimalPlaces(2).toFixed(), realizedPnlEstimated: true, ended: true },
    });
  });

  it('with close-all --wait, follows every closing order and prints each fill; --json carries them per item', async () => {
    const template = sim.state.getAccount(IDS.flat);
    if (!template) throw new Error('the fixture book has no flat account');
    const accountId = '9c3b7a2e-4d66-4e3a-9c79-2e3f4a5b6c74';
    const positions = [{ symbol: 'AAPL', qty: '4', avg_entry_price: '150' }, { symbol: 'HD', qty: '2', avg_entry_price: '300' }];
    sim.state.addAccount({ account: { ...template, id: accountId, account_number: 'WAIT0002' }, cash: '0', positions, orders: [] });
    const run = await closeout(['close-all', 'Alpaca sim', '--account', accountId, '--yes', '--wait', '--json']);
    expect(run.code).toBe(0);
    const receipt = json<CloseAllReceipt>(run);
    expect(receipt.state).toBe('filled');
    for (const { symbol, qty, avg_entry_price: entry } of positions) {
      const price = sim.state.requireAsset(symbol).price;
      expect(receipt.items.find((item) => item.symbol === symbol)).toMatchObject({
        state: 'filled',
        fill: { filledQuantity: qty, remaining: '0', avgPrice: price, realizedPnl: new Decimal(price).minus(entry).times(qty).toDecimalPlaces(2).toFixed(), realizedPnlEstimated: true },
      });
    }

    sim.state.addAccount({ account: { ...template, id: '9c3b7a2e-4d66-4e3a-9c79-2e3f4a5b6c75', account_number: 'WAIT0003' }, cash: '0', positions: positions.slice(0, 1), orders: [] });
    const human = await closeout(['close-all', 'Alpaca sim', '--account', '9c3b7a2e-4d66-4e3a-9c79-2e3f4a5b6c75', '--yes', '--wait']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Filled 1 of 1 position: 4 AAPL at /);
    expect(human.stdout).toMatch(/FILLED +AVG PRICE +LEFT +P&L/);
    expect(human.stdout).toMatch(/ 4 +\d[\d.]* +0 +-?[\d.]+ \(est\.\)/);
  });

  it('closes part of a position by --qty', async () => {
    const run = await closeout(['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'GME', '--qty', '2.5', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json<ActionReceipt>(run)).toMatchObject({ kind: 'close_position', order: { symbol: 'GME', side: 'sell', quantity: '2.5' } });
    expect(sim.state.positionOf(IDS.trader, 'GME')?.qty).toBe('10');
  });

  it('closes part of a position by --percent', async () => {
    const run = await closeout(['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'SQQQ', '--percent', '10', '--yes']);
    expect(run.code).toBe(0);
    expect(sim.state.positionOf(IDS.trader, 'SQQQ')?.qty).toBe('900');
  });

  it('exits 2 naming the field for a quantity above the position', async () => {
    const run = await closeout(['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'GME', '--qty', '11', '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('closeout: quantity must be at most the available 10 shares (--qty)\n');
    expect(sim.state.positionOf(IDS.trader, 'GME')?.qty).toBe('10');
  });

  it('exits 3 with "outcome unknown" when the broker never answers a close, and the same command again reports that it did not happen', async () => {
    const closeTsla = ['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'TSLA', '--yes'];
    const sentTsla = () => sim.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith('/TSLA')).length;
    sim.faults.hang = { when: 'before-apply', match: { method: 'DELETE' } };
    try {
      const run = await inChild(closeTsla, { env: { CLOSEOUT_BROKER_TIMEOUT_MS: '400' } });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('closeout: outcome unknown: ');
    } finally {
      sim.faults.reset();
    }
    const sent = sentTsla();
    const again = await closeout(closeTsla);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stdout).toMatch(/An earlier close of \d+ shares of TSLA, started \d\d:\d\d by a process that stopped, did not happen; nothing new was sent\./);
    expect(sentTsla()).toBe(sent);
    const third = await closeout([...closeTsla, '--qty', '1']);
    expect(third.code, third.stderr).toBe(0);
    expect(sentTsla()).toBe(sent + 1);
  }, PROCESS_MS);

  it('with --settle, waits for the reading of a close whose answer never came, reports it done and exits 0', async () => {
    const template = sim.state.getAccount(IDS.flat);
    if (!template) throw new Error('the fixture book has no flat account');
    const accountId = '9c3b7a2e-4d66-4e30-9c79-2e3f4a5b6c73';
    sim.state.addAccount({ account: { ...template, id: accountId, account_number: 'SETTL001' }, cash: '100', positions: [{ symbol: 'AAPL', qty: '4', avg_entry_price: '150' }], orders: [] });
    sim.faults.hang = { when: 'after-apply', match: { method: 'DELETE' } };
    try {
      const run = await closeout(['close', 'Alpaca sim', '--account', accountId, '--position', 'AAPL', '--yes', '--settle'], { env: { CLOSEOUT_BROKER_TIMEOUT_MS: '400' } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('closeout: outcome unknown: ');
      expect(run.stderr).toContain('Reading the broker to settle it; nothing is sent again');
      expect(run.stdout).toContain('Settled by reading the broker: The close did happen: AAPL is no longer open.');
      expect(sim.requests.filter((request) => request.method === 'DELETE' && request.path.includes(accountId))).toHaveLength(1);
      const audit = await closeout(['audit', '--json']);
      expect(audit.stdout).toContain('Reconciled (happened): The close did happen: AAPL is no longer open.');
    } finally {
      sim.faults.reset();
    }
  });

  it('refuses a close while the app (another process) is acting on the account: exits 1 and sends nothing', async () => {
    // This test process stands for the app, holding the account as a close all would; the command runs in a child process.
    const app = openJournalStores(dataDir, createMemoryAuditKeys());
    const release = app.leases.acquire(leaseKey.account(brokerIdentity({ broker: 'alpaca', baseUrl: sim.url }), IDS.trader), { actionId: 'app-close-all', description: 'close all positions' });
    const before = sim.requests.filter((request) => request.method === 'DELETE').length;
    try {
      const run = await inChild(['close', 'Alpaca sim', '--account', IDS.trader, '--position', 'AAPL', '--qty', '1', '--yes']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Refused: close all positions (action app-close-all) is in flight in another Closeout (process ${process.pid} on ${os.hostname()}`);
      expect(sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(before);
    } finally {
      release();
      app.journal.close();
    }
  }, PROCESS_MS);

  it('shows the refused position when close-all gets a 207 with a failure, and exits 1, scrubbing credentials the broker echoed', async () => {
    sim.faults.echoCredentials = { match: { method: 'DELETE' } };
    const run = await closeout(['close-all', 'Alpaca sim', '--account', ACCOUNT.closeAll, '--yes']).finally(() => sim.faults.reset());
    expect(run.code).toBe(1);
    const tsla = run.stdout.split('\n').find((line) => line.startsWith('TSLA'));
    expect(tsla).toMatch(/rejected\s+403/);
    expect(tsla).toContain('[redacted]');
    expect(sim.state.positionOf(ACCOUNT.closeAll, 'AAPL')).toBeUndefined();
    expect(sim.state.positionOf(ACCOUNT.closeAll, 'TSLA')?.qty).toBe('2');
  });

  it('refuses to close an account while positions remain, naming them', async () => {
    const run = await closeout(['close-account', 'Alpaca sim', '--account', IDS.trader, '--yes']);
    expect(run.code).toBe(1);
    for (const position of sim.state.positionsOf(IDS.trader)) expect(run.stderr).toContain(position.symbol);
    expect(sim.state.getAccount(IDS.trader)?.status).toBe('ACTIVE');
  });

  it('closes a flat account', async () => {
    const number = sim.state.getAccount(IDS.flat)?.account_number;
    const run = await closeout(['close-account', 'Alpaca sim', '--account', IDS.flat, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json<ActionReceipt>(run)).toMatchObject({ kind: 'close_account' });
    expect(number).toBeDefined();
    expect(sim.state.getAccount(IDS.flat)?.status).toBe('ACCOUNT_CLOSED');
  });

  it('refuses a wrong secret when the connection is added, in the broker\'s words, and saves nothing', async () => {
    const add = await closeout(['connections', 'add', 'wrong', '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], { input: 'not-the-secret' });
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('Alpaca refused the credentials (key id or secret is wrong or revoked). Alpaca said: "request is not authorized".');
    expect(add.stderr).not.toContain('not-the-secret');
    const list = await closeout(['connections', 'list', '--json']);
    expect(json<ConnectionSummary[]>(list).map((connection) => connection.name)).not.toContain('wrong');
    expect(await createKeychainVault().get('wrong')).toBeNull();
  });

  it('tests a connection again, and rotates its secret and edits its address only once the broker accepts them', async () => {
    const tested = await closeout(['connections', 'test', 'Alpaca sim']);
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toContain(`Connection Alpaca sim works. It reaches ${sim.state.listAccounts().length} accounts.`);
    const rotated = await closeout(['connections', 'rotate', 'Alpaca sim'], { input: 'a-wrong-new-secret' });
    expect(rotated.code).toBe(1);
    expect(rotated.stderr).toContain('Alpaca refused the credentials');
    expect(await createKeychainVault().get('Alpaca sim')).toBe(sim.secret);
    const rotatedRight = await closeout(['connections', 'rotate', 'Alpaca sim', '--json'], { input: sim.secret });
    expect(rotatedRight.code, rotatedRight.stderr).toBe(0);
    expect(json<ConnectionSummary>(rotatedRight).health?.reach?.accounts).toBe(sim.state.listAccounts().length);
    const edited = await closeout(['connections', 'edit', 'Alpaca sim', '--base-url', 'http://127.0.0.1:9']);
    expect(edited.code).toBe(1);
    const list = await closeout(['connections', 'list', '--json']);
    expect(json<ConnectionSummary[]>(list).find((connection) => connection.name === 'Alpaca sim')?.baseUrl).toBe(sim.url);
    const edit = await closeout(['connections', 'edit', 'Alpaca sim', '--base-url', `${sim.url}/`]);
    expect(edit.code, edit.stderr).toBe(0);
    expect(edit.stdout).toContain(`Connection Alpaca sim now goes to ${sim.url}/.`);
  }, 120_000);

  it('records every attempt in an intact audit trail, whose head it prints and holds to, and exports it', async () => {
    const head = await closeout(['audit', '--head']);
    expect(head.code).toBe(0);
    expect(head.stdout.trim()).toMatch(/^\d+:[0-9a-f]{64}$/);
    const verify = await closeout(['audit', '--verify', '--expect-head', head.stdout.trim(), '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(json<{ ok: boolean; records: number }>(verify)).toMatchObject({ ok: true, macsChecked: true, expectedHead: { seq: Number(head.stdout.split(':')[0]) } });
    const wrong = await closeout(['audit', '--verify', '--expect-head', `${head.stdout.split(':')[0]}:${'0'.repeat(64)}`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/is not the 0{64} noted for it earlier \(rewritten\)/);
    const file = path.join(dataDir, 'trail.jsonl');
    const exported = await closeout(['audit', '--export', file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect((await readFile(file, 'utf8')).trimEnd().split('\n')).toHaveLength(Number(head.stdout.split(':')[0]));
    const again = await closeout(['audit', '--export', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
    const trail = await closeout(['audit', '--json']);
    const actions = json<{ action: string; phase: string }[]>(trail).filter((record) => record.phase === 'attempt').map((record) => record.action);
    expect(actions).toEqual(expect.arrayContaining(['connection_add', 'close_position', 'close_all', 'cancel_order', 'close_account']));
  });

  it('removes a connection and its secret', async () => {
    const add = await closeout(['connections', 'add', 'gone', '--broker', 'alpaca', '--base-url', solo.url, '--key-id', solo.keyId], { input: solo.secret });
    expect(add.code, add.stderr).toBe(0);
    const run = await closeout(['connections', 'remove', 'gone', '--yes']);
    expect(run.code).toBe(0);
    const list = await closeout(['connections', 'list', '--json']);
    expect(json<ConnectionSummary[]>(list).map((connection) => connection.name)).not.toContain('gone');
    expect(await createKeychainVault().get('gone')).toBeNull();
  }, 60_000);

  it('never printed or stored a secret, nor the Basic credentials the broker echoed', async () => {
    const basic = Buffer.from(`${sim.keyId}:${sim.secret}`).toString('base64');
    const secrets = [sim.secret, solo.secret, 'not-the-secret', basic, encodeURIComponent(basic)];
    for (const output of outputs()) for (const secret of secrets) expect(output).not.toContain(secret);
    for (const file of await filesUnder(dataDir)) {
      const content = await readFile(file, 'utf8');
      for (const secret of secrets) expect(content).not.toContain(secret);
    }
  });
});
