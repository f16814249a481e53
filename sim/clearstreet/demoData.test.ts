import { describe, expect, it } from 'vitest';
import { d } from '../shared/decimal';
import { demoData, largeDemoData } from './demoData';
import { isWorking } from './orders';
import { startClearStreetSim } from './server';
import { ClearStreetSimState } from './state';
import { call } from './testSupport';
import type { ClearStreetAccount } from './types';

describe('demoData', () => {
  it('is the same on every call', () => {
    expect(JSON.stringify(demoData())).toBe(JSON.stringify(demoData()));
  });

  it('holds two active books, one inactive and one closed account', () => {
    const accounts = demoData().accounts.map((holdings) => holdings.account);
    expect(accounts.map((account) => account.status).sort()).toEqual(['ACTIVE', 'ACTIVE', 'CLOSED', 'INACTIVE']);
    expect(new Set(accounts.map((account) => account.id)).size).toBe(4);
    const closed = accounts.find((account) => account.status === 'CLOSED');
    expect(closed?.close_date).not.toBeNull();
  });

  it('gives each active book 20 to 40 positions, long and short, some fractional, with working limit orders', () => {
    for (const holdings of demoData().accounts.filter((candidate) => candidate.account.status === 'ACTIVE')) {
      const quantities = holdings.positions.map((position) => d(position.quantity));
      expect(quantities.length).toBeGreaterThanOrEqual(20);
      expect(quantities.length).toBeLessThanOrEqual(40);
      expect(quantities.some((quantity) => quantity.isNegative())).toBe(true);
      expect(quantities.some((quantity) => quantity.isPositive())).toBe(true);
      expect(quantities.some((quantity) => !quantity.isInteger())).toBe(true);
      expect(quantities.every((quantity) => !quantity.isNegative() || quantity.isInteger())).toBe(true);
      const working = holdings.orders.filter(isWorking);
      expect(working.length).toBeGreaterThan(0);
      expect(working.every((order) => order.order_type === 'LIMIT' && order.limit_price !== null)).toBe(true);
      expect(holdings.orders.some((order) => order.status === 'FILLED')).toBe(true);
    }
  });

  it('has positions on distinct listed symbols at plausible prices, and loads into the state', () => {
    const data = demoData();
    const state = new ClearStreetSimState(data);
    for (const holdings of data.accounts) {
      const symbols = holdings.positions.map((position) => position.symbol);
      expect(new Set(symbols).size).toBe(symbols.length);
      for (const position of state.positionsOf(holdings.account.id)) {
        expect(d(position.instrument_price ?? '0').greaterThan(1)).toBe(true);
        expect(position.instrument_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    }
  });

  it('leaves one long of the first active book wholly held by a working sell', () => {
    const data = demoData();
    const state = new ClearStreetSimState(data);
    const first = data.accounts.find((holdings) => holdings.account.status === 'ACTIVE');
    const held = state.positionsOf(first?.account.id ?? 0).filter((position) => position.available_quantity === '0');
    expect(held.map((position) => position.symbol)).toContain('SQQQ');
  });

  it('is what the simulator serves by default, under a generated key', async () => {
    const sim = await startClearStreetSim();
    try {
      expect(sim.apiKey).toMatch(/^cs_sim_[A-Za-z0-9_-]{40}$/);
      const answer = await call(sim, 'GET', '/v1/accounts');
      expect((answer.body.data as ClearStreetAccount[]).map((account) => account.full_name)).toEqual(
        demoData().accounts.map((holdings) => holdings.account).sort((a, b) => a.id - b.id).map((account) => account.full_name),
      );
    } finally {
      await sim.close();
    }
  });
});

describe('largeDemoData', () => {
  it('builds one active account with the asked number of positions on distinct symbols', () => {
    const data = largeDemoData(1500);
    expect(data.accounts).toHaveLength(1);
    const symbols = data.accounts[0]?.positions.map((position) => position.symbol) ?? [];
    expect(symbols).toHaveLength(1500);
    expect(new Set(symbols).size).toBe(1500);
    expect(new ClearStreetSimState(data).positionsOf(data.accounts[0]?.account.id ?? 0)).toHaveLength(1500);
  });

  it('refuses a count that is not a whole number in range', () => {
    expect(() => largeDemoData(-1)).toThrow(/positionCount/);
    expect(() => largeDemoData(2.5)).toThrow(/positionCount/);
  });
});
