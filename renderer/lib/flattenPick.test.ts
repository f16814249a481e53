import { describe, expect, it } from 'vitest';
import { flattenRequest, NOTHING_PICKED, setAccounts, toggleAccount, toggleConnection } from './flattenPick';

const loaded = (lists: Record<string, string[]>) => (connection: string) => lists[connection] ?? null;

describe('the flatten pick', () => {
  it('asks for a connection until one is picked', () => {
    expect(flattenRequest(NOTHING_PICKED, loaded({}))).toEqual({ missing: 'Pick at least one connection.' });
  });

  it('leaves the accounts to the core when every picked connection is taken whole', () => {
    const pick = toggleConnection(toggleConnection(NOTHING_PICKED, 'Alpaca'), 'ScaleTrade');
    expect(flattenRequest(pick, loaded({}))).toEqual({ request: { connections: ['Alpaca', 'ScaleTrade'] } });
  });

  it('lists every account by id when one connection is taken whole and another only in part', () => {
    let pick = toggleConnection(toggleConnection(NOTHING_PICKED, 'Alpaca'), 'Exness');
    pick = toggleAccount(setAccounts(pick, 'Alpaca', []), 'Alpaca', 'a-2');
    expect(flattenRequest(pick, loaded({}))).toEqual({ missing: 'Reading the accounts of Exness…' });
    expect(flattenRequest(pick, loaded({ Exness: ['e-1'] }))).toEqual({
      request: { connections: ['Alpaca', 'Exness'], accounts: [{ connection: 'Alpaca', accountId: 'a-2' }, { connection: 'Exness', accountId: 'e-1' }] },
    });
  });

  it('plans nothing for a connection whose own accounts are picked but none ticked', () => {
    const pick = setAccounts(toggleConnection(NOTHING_PICKED, 'Alpaca'), 'Alpaca', []);
    expect(flattenRequest(pick, loaded({ Alpaca: ['a-1'] }))).toEqual({ missing: 'Pick at least one account of Alpaca, or all of them.' });
  });

  it('forgets the accounts of a connection that is unpicked', () => {
    const pick = toggleConnection(toggleAccount(setAccounts(toggleConnection(NOTHING_PICKED, 'Alpaca'), 'Alpaca', []), 'Alpaca', 'a-1'), 'Alpaca');
    expect(pick).toEqual(NOTHING_PICKED);
  });
});
