import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionReceipt, CloseAllReceipt } from '../../shared/actions';
import { dec } from '../../shared/decimal';
import type { Account, Order, Position } from '../../shared/domain';
import { startClearStreetSim, type ClearStreetSim } from '../../sim/clearstreet/server';
import { startExnessSim, type ExnessSim } from '../../sim/exness/server';
import { startScaleTradeSim, type ScaleTradeSim } from '../../sim/scaletrade/server';
import { inProcessRunner } from './inProcessCloseout.testkit';
import { KEYCHAIN_READY, KEYCHAIN_REASON, parseJson } from './spawnCloseout.testkit';

// The command speaks to every broker the same way: the command line against each broker's simulator, with --json, in
// this process (closeout.test.ts runs the real bin/closeout.mjs where a process of its own matters).

let dataDir: string;
const cli = inProcessRunner(() => dataDir);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-cli-brokers-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!KEYCHAIN_READY)(`closeout against the ScaleTrade simulator (${KEYCHAIN_REASON})`, () => {
  let sim: ScaleTradeSim;

  beforeAll(async () => {
    sim = await startScaleTradeSim({ fillDelayMs: 0 });
    const added = await cli.run(['connections', 'add', 'st', '--broker', 'scaletrade', '--base-url', sim.url, '--login', String(sim.login)], { input: sim.password });
    expect(added.code, added.stderr).toBe(0);
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('lists the one account and its trades in lots, taking the account without --account', async () => {
    const accounts = parseJson<Account[]>(await cli.run(['accounts', 'st', '--json']));
    expect(accounts.map((account) => account.number)).toEqual([String(sim.login)]);
    const positions = parseJson<Position[]>(await cli.run(['positions', 'st', '--json']));
    expect(positions.map((p) => p.id).sort()).toEqual(sim.state.tradesOf(sim.login).map((t) => String(t.order)).sort());
    expect(positions[0]?.unit).toEqual({ name: 'lots', step: '0.01' });
  });

  it('closes part of a trade in lots, leaving the rest open under the same ticket', async () => {
    const trade = sim.state.tradesOf(sim.login).find((t) => t.volume >= 200)!;
    const run = await cli.run(['close', 'st', '--position', String(trade.order), '--qty', '1', '--yes', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(parseJson<ActionReceipt>(run).kind).toBe('close_position');
    expect(sim.state.trade(trade.order)?.volume).toBe(trade.volume - 100);
  });

  it('refuses a partial close that is not a whole number of minimal lots, sending nothing', async () => {
    const trade = sim.state.tradesOf(sim.login)[0]!;
    const before = sim.requests.length;
    const run = await cli.run(['close', 'st', '--position', String(trade.order), '--qty', '0.005', '--yes', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('whole number of minimal lots');
    expect(sim.requests.slice(before).some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('closes all trades ticket by ticket with a result per ticket', async () => {
    const run = await cli.run(['close-all', 'st', '--yes', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const receipt = parseJson<CloseAllReceipt>(run);
    expect(receipt.items.length).toBeGreaterThan(5);
    expect(receipt.items.every((item) => item.state !== 'rejected')).toBe(true);
    expect(sim.state.tradesOf(sim.login)).toEqual([]);
  });
});

describe.skipIf(!KEYCHAIN_READY)(`closeout against the Exness-style simulator (${KEYCHAIN_REASON})`, () => {
  let sim: ExnessSim;

  beforeAll(async () => {
    sim = await startExnessSim();
    const added = await cli.run(['connections', 'add', 'ex', '--broker', 'exness', '--base-url', sim.url], { input: sim.secret });
    expect(added.code, added.stderr).toBe(0);
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('closes one ticket in full and shows the close price and profit', async () => {
    const [ticket] = sim.state.openOrdersOf(sim.userId);
    const run = await cli.run(['close', 'ex', '--position', ticket!.orderId, '--yes', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const receipt = parseJson<ActionReceipt>(run);
    const closed = sim.state.closedOrdersOf(sim.userId).find((order) => order.orderId === ticket!.orderId);
    expect(receipt.message).toMatch(/^Filled [\d,.]+ \S+ at [\d,.]+; realised P&L -?[\d,.]+\.$/);
    expect(receipt.fill).toMatchObject({ avgPrice: String(closed?.closePrice), realizedPnl: String(closed?.profit), realizedPnlEstimated: false });
    expect(sim.state.openOrdersOf(sim.userId).map((o) => o.orderId)).not.toContain(ticket!.orderId);
  });

  it('says a partial close does not exist on this platform', async () => {
    const [ticket] = sim.state.openOrdersOf(sim.userId);
    const run = await cli.run(['close', 'ex', '--position', ticket!.orderId, '--qty', '0.1', '--yes', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('The platform closes an order only in full.');
  });

  it('never prints the token', () => {
    for (const output of cli.outputs) expect(output).not.toContain(sim.secret);
  });
});

describe.skipIf(!KEYCHAIN_READY)(`closeout against the Clear Street simulator (${KEYCHAIN_REASON})`, () => {
  let sim: ClearStreetSim;
  let accountId: string;

  beforeAll(async () => {
    sim = await startClearStreetSim({ fillDelayMs: 0 });
    const added = await cli.run(['connections', 'add', 'cs', '--broker', 'clearstreet', '--base-url', sim.url], { input: sim.apiKey });
    expect(added.code, added.stderr).toBe(0);
    const accounts = parseJson<Account[]>(await cli.run(['accounts', 'cs', '--json']));
    accountId = accounts.find((account) => account.statusTone === 'active')!.id;
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('closes part of a position with an opposite market order carrying a client id', async () => {
    const long = sim.state.positionsOf(Number(accountId)).find((p) => dec(p.quantity).gte(10) && dec(p.available_quantity).gte(10))!;
    const run = await cli.run(['close', 'cs', '--account', accountId, '--position', long.symbol, '--qty', '5', '--yes', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const receipt = parseJson<ActionReceipt>(run);
    expect(receipt.order?.clientOrderId).toMatch(/[0-9a-f-]{36}/);
    await expect.poll(() => sim.state.positionsOf(Number(accountId)).find((p) => p.symbol === long.symbol)?.quantity).toBe(dec(long.quantity).minus(5).toFixed());
  });

  it('cancels a working order', async () => {
    const orders = parseJson<Order[]>(await cli.run(['orders', 'cs', '--account', accountId, '--json']));
    const working = orders.find((order) => order.open)!;
    const run = await cli.run(['cancel', 'cs', '--account', accountId, '--order', working.id, '--yes', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    await expect.poll(() => sim.state.getOrder(Number(accountId), working.id)?.status).toMatch(/cancel/i);
  });

  it('closes all positions with their orders cancelled first, showing the closing orders', async () => {
    const run = await cli.run(['close-all', 'cs', '--account', accountId, '--cancel-orders', '--yes', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const receipt = parseJson<CloseAllReceipt>(run);
    expect(receipt.cancelOrdersFirst).toBe(true);
    expect(receipt.items.length).toBeGreaterThan(5);
    expect(receipt.items.every((item) => item.state !== 'rejected' && item.orderId !== null)).toBe(true);
    await expect.poll(() => sim.state.positionsOf(Number(accountId)).length).toBe(0);
  });
});
