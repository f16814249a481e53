import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionReceipt, CloseAllReceipt } from '../../shared/actions';
import type { AuditRecord } from '../../shared/audit';
import { dec, toDecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startAlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startExnessSim } from '../../sim/exness/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startScaleTradeSim } from '../../sim/scaletrade/server';
import { startAppCore, type AppCore } from '../bootstrap';
import { createMemoryAuditKeys } from './credentials/auditKeyStore';
import { createMemoryVault } from './credentials/memoryVault';
import { CONNECTION, startSimCore, type SimCore } from './windDown/simCore.testkit';

const ACCOUNT = 'f1e2d3c4-0000-4000-8000-00000000f222';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function alpacaCore(positions: Array<{ symbol: string; qty: string; avg_entry_price: string }>): Promise<SimCore> {
  const env = await startSimCore([{ id: ACCOUNT, number: 'FOLLOW01', cash: '0', positions }]);
  cleanups.push(() => env.close());
  return env;
}

/** The real core over a fresh data folder, with one connection to a simulator. */
async function coreWith(connection: Record<string, unknown>, pushed: unknown[] = []): Promise<AppCore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-follow-'));
  const core = await startAppCore({
    dataDir,
    version: 'test',
    demo: false,
    vault: createMemoryVault(),
    auditKeys: createMemoryAuditKeys(),
    brokerTimeoutMs: 2_000,
    emit: (event, payload) => {
      if (event === 'action:updated') pushed.push(payload);
    },
  });
  cleanups.push(async () => {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const added = await core.dispatch('connections:add', { name: CONNECTION, ...connection });
  if (!added.ok) throw new Error(added.error.message);
  return core;
}

async function ask<T>(core: AppCore, channel: string, request: Record<string, unknown>): Promise<T> {
  const answer = await core.dispatch(channel, request);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as T;
}

describe('following a close all to its fills', () => {
  it('moves every position to FILLED with its fill price, quantity and estimated P&L, and sends the close all once', async () => {
    const env = await alpacaCore([
      { symbol: 'AAPL', qty: '10', avg_entry_price: '150' },
      { symbol: 'HD', qty: '4', avg_entry_price: '300' },
    ]);
    const receipt = await ask<CloseAllReceipt>(env.core, 'positions:closeAll', { connection: CONNECTION, accountId: ACCOUNT, cancelOrders: false, wait: true });

    expect(receipt.state).toBe('filled');
    for (const [symbol, qty, entry] of [['AAPL', '10', '150'], ['HD', '4', '300']] as const) {
      const price = env.sim.state.requireAsset(symbol).price;
      const item = receipt.items.find((candidate) => candidate.symbol === symbol);
      expect(item?.state).toBe('filled');
      expect(item?.fill).toMatchObject({
        filledQuantity: qty,
        remaining: '0',
        avgPrice: dec(price).toFixed(),
        realizedPnl: dec(price).minus(entry).times(qty).toDecimalPlaces(2).toFixed(),
        realizedPnlEstimated: true,
        ended: true,
      });
      expect(item?.message).toMatch(new RegExp(`^Filled ${qty} ${symbol} at [\\d,.]+; realised P&L -?[\\d,.]+ \\(estimated from the average entry price\\)\\.$`));
    }
    expect(receipt.message).toMatch(/^Filled 2 of 2 positions: 10 AAPL at [\d,.]+ \(P&L -?[\d,.]+, estimated\); 4 HD at .*; realised P&L -?[\d,.]+ \(estimated from the average entry prices\)\.$/);
    expect(env.sentFor(ACCOUNT)).toEqual([`DELETE /v1/trading/accounts/${ACCOUNT}/positions`]);

    const trail = await ask<AuditRecord[]>(env.core, 'audit:list', { accountId: ACCOUNT });
    const outcomes = trail.filter((record) => record.actionId === receipt.actionId && record.phase === 'outcome');
    expect(outcomes.map((record) => record.outcome)).toEqual(['filled', 'accepted']);
    expect(outcomes[0]?.message).toBe(`Followed: ${receipt.message}`);
  });

  it('says which position filled only in part and how much of it stays open', async () => {
    const env = await alpacaCore([{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }]);
    env.sim.state.fillShare = '0.3';
    const receipt = await ask<CloseAllReceipt>(env.core, 'positions:closeAll', { connection: CONNECTION, accountId: ACCOUNT, cancelOrders: false, wait: true });

    expect(receipt.state).toBe('partly_filled');
    expect(receipt.items[0]).toMatchObject({ state: 'partly_filled', remaining: '7', fill: { filledQuantity: '3', remaining: '7', status: 'canceled' } });
    expect(receipt.message).toMatch(/^Filled 0 of 1 position: 3 AAPL at [\d,.]+ \(P&L .*\), 7 stay open; 1 only in part \(AAPL: 7 stay open\);/);
    expect(env.sim.state.positionOf(ACCOUNT, 'AAPL')?.qty).toBe('7');
  });

  it('answers at once and pushes the fills later when the caller does not wait', async () => {
    const sim = await startAlpacaSim({ fillDelayMs: 20 });
    cleanups.push(() => sim.close());
    const pushed: CloseAllReceipt[] = [];
    const core = await coreWith({ broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret }, pushed);
    const account = sim.state.listAccounts().find((candidate) => candidate.status === 'ACTIVE' && sim.state.positionsOf(candidate.id).length > 0);
    if (!account) throw new Error('the demo book has no active account with positions');
    const receipt = await ask<CloseAllReceipt>(core, 'positions:closeAll', { connection: CONNECTION, accountId: account.id, cancelOrders: false });
    expect(receipt.state).toBe('accepted');
    expect(receipt.items.every((item) => item.fill === undefined)).toBe(true);

    await vi.waitFor(() => expect(pushed.find((push) => push.actionId === receipt.actionId)).toBeDefined(), { timeout: 15_000 });
    const followed = pushed.find((push) => push.actionId === receipt.actionId);
    expect(followed?.items.filter((item) => item.state === 'accepted').every((item) => item.fill !== undefined)).toBe(true);
    expect(followed?.items.some((item) => item.fill?.ended)).toBe(true);
  });

  it('reads a ScaleTrade close all back from the closed trades: each close price and the net profit ScaleTrade booked', async () => {
    const sim = await startScaleTradeSim({ fillDelayMs: 0 });
    cleanups.push(() => sim.close());
    const core = await coreWith({ broker: 'scaletrade', baseUrl: sim.url, login: sim.login, secret: sim.password });
    const accountId = String(sim.login);
    const before = await ask<Position[]>(core, 'positions:list', { connection: CONNECTION, accountId });
    const receipt = await ask<CloseAllReceipt>(core, 'positions:closeAll', { connection: CONNECTION, accountId, cancelOrders: false, wait: true });

    expect(receipt.items).toHaveLength(before.length);
    expect(receipt.state).toBe('filled');
    for (const item of receipt.items) {
      const closed = sim.state.trade(Number(item.positionId));
      expect(item.fill).toMatchObject({
        avgPrice: toDecimalString(closed?.close_price ?? ''),
        realizedPnl: toDecimalString(closed?.net_profit ?? ''),
        realizedPnlEstimated: false,
      });
    }
    expect(sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(before.length);
  });

  it('takes an Exness close price and profit from its answer at once, with nothing more to read', async () => {
    const sim = await startExnessSim();
    cleanups.push(() => sim.close());
    const core = await coreWith({ broker: 'exness', baseUrl: sim.url, secret: sim.secret });
    const [position] = await ask<Position[]>(core, 'positions:list', { connection: CONNECTION, accountId: sim.userId });
    if (!position) throw new Error('the Exness simulator has no open ticket');
    const requestsBefore = sim.requests.length;
    const receipt = await ask<ActionReceipt>(core, 'position:close', { connection: CONNECTION, accountId: sim.userId, positionId: position.id, amount: { kind: 'all' } });

    const closed = sim.state.closedOrdersOf(sim.userId).find((order) => order.orderId === position.id);
    expect(receipt.state).toBe('filled');
    expect(receipt.fill).toMatchObject({ avgPrice: toDecimalString(String(closed?.closePrice)), realizedPnl: toDecimalString(String(closed?.profit)), realizedPnlEstimated: false });
    expect(receipt.message).toMatch(new RegExp(`^Filled [\\d,.]+ ${position.symbol} at [\\d,.]+; realised P&L -?[\\d,.]+\\.$`));
    expect(sim.requests.slice(requestsBefore).map((request) => request.method)).toEqual(['GET', 'POST']);
  });
});
