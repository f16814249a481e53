import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { demoData, largeAccountData } from './demoData';
import { AlpacaSimState } from './state';

describe('demoData', () => {
  it('is the same on every call', () => {
    expect(JSON.stringify(demoData())).toBe(JSON.stringify(demoData()));
  });

  it('holds eight accounts: mostly active, one approved, one disabled, one closed, each with a name and an 8-character number', () => {
    const { accounts } = demoData();
    expect(accounts).toHaveLength(8);
    const statuses = accounts.map((holdings) => holdings.account.status);
    expect(statuses.filter((status) => status === 'ACTIVE').length).toBeGreaterThanOrEqual(4);
    for (const status of ['APPROVED', 'DISABLED', 'ACCOUNT_CLOSED'] as const) expect(statuses.filter((s) => s === status)).toHaveLength(1);
    for (const { account } of accounts) {
      expect(account.account_number).toMatch(/^[A-Z0-9]{8}$/);
      expect(account.identity.given_name.length).toBeGreaterThan(0);
      expect(account.contact.email_address).toContain('@');
    }
    expect(new Set(accounts.map((holdings) => holdings.account.id)).size).toBe(8);
  });

  it('gives the first two active accounts dozens of long and short, whole and fractional positions', () => {
    const active = demoData().accounts.filter((holdings) => holdings.account.status === 'ACTIVE');
    for (const { positions } of active.slice(0, 2)) {
      expect(positions.length).toBeGreaterThanOrEqual(30);
      expect(positions.length).toBeLessThanOrEqual(60);
      const quantities = positions.map((position) => new Decimal(position.qty));
      expect(quantities.some((qty) => qty.isNegative())).toBe(true);
      expect(quantities.some((qty) => !qty.isInteger())).toBe(true);
      expect(quantities.some((qty) => qty.isInteger() && qty.isPositive())).toBe(true);
      expect(new Set(positions.map((position) => position.symbol)).size).toBe(positions.length);
    }
  });

  it('holds part of some positions with open orders and keeps filled and canceled orders as history', () => {
    const data = demoData();
    const state = new AlpacaSimState(data);
    const first = data.accounts[0]?.account.id as string;
    const positions = state.positionsOf(first);
    expect(positions.some((position) => position.qty_available !== position.qty)).toBe(true);
    expect(positions.find((position) => position.symbol === 'SQQQ')?.qty_available).toBe('0');
    const statuses = new Set(state.ordersOf(first).map((order) => order.status));
    for (const status of ['new', 'filled', 'canceled']) expect(statuses.has(status as never)).toBe(true);
  });

  it('has a flat active account with no orders and no cash, and an active one that still holds positions', () => {
    const active = demoData().accounts.filter((holdings) => holdings.account.status === 'ACTIVE');
    const flat = active.filter((holdings) => holdings.positions.length === 0);
    expect(flat).toHaveLength(1);
    expect(flat[0]?.orders).toEqual([]);
    expect(flat[0]?.cash).toBe('0');
    expect(active.filter((holdings) => holdings.positions.length > 0 && holdings.positions.length < 10).length).toBeGreaterThanOrEqual(1);
  });

  it('prices every held symbol and never holds a fractional share of a non-fractionable asset or a fractional short', () => {
    const data = demoData();
    const assets = new Map(data.assets.map((asset) => [asset.symbol, asset]));
    for (const { positions } of data.accounts) {
      for (const position of positions) {
        const asset = assets.get(position.symbol);
        expect(asset).toBeDefined();
        expect(new Decimal(asset?.price ?? '0').isPositive()).toBe(true);
        const qty = new Decimal(position.qty);
        if (!asset?.fractionable || qty.isNegative()) expect(qty.isInteger()).toBe(true);
      }
    }
  });
});

describe('largeAccountData', () => {
  it('builds one active account with exactly N positions on distinct symbols', () => {
    const data = largeAccountData(500);
    expect(data.accounts).toHaveLength(1);
    expect(data.accounts[0]?.account.status).toBe('ACTIVE');
    const symbols = data.accounts[0]?.positions.map((position) => position.symbol) ?? [];
    expect(symbols).toHaveLength(500);
    expect(new Set(symbols).size).toBe(500);
    expect(() => new AlpacaSimState(data)).not.toThrow();
  });

  it('refuses a negative or fractional count', () => {
    expect(() => largeAccountData(-1)).toThrow();
    expect(() => largeAccountData(1.5)).toThrow();
  });
});
