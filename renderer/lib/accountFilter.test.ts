import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain';
import { filterAccounts, withBrokerMatches } from './accountFilter';

const account = (id: string, number: string, name: string): Account => ({ id, number, name, status: 'ACTIVE', statusTone: 'active', currency: 'USD' });
const accounts = [account('a1', '900000001', 'Maya Okafor'), account('a2', '900100000', 'Daniel Reyes'), account('a3', '900000100', 'Maya Reyes')];

describe('filterAccounts', () => {
  it('keeps every account, the same list, when nothing is typed', () => {
    expect(filterAccounts(accounts, '  ')).toBe(accounts);
  });

  it('matches every typed word in the number, the holder or the id, ignoring case', () => {
    expect(filterAccounts(accounts, 'maya').map((a) => a.id)).toEqual(['a1', 'a3']);
    expect(filterAccounts(accounts, 'REYES maya').map((a) => a.id)).toEqual(['a3']);
    expect(filterAccounts(accounts, '9001000').map((a) => a.id)).toEqual(['a2']);
    expect(filterAccounts(accounts, 'a2').map((a) => a.id)).toEqual(['a2']);
    expect(filterAccounts(accounts, 'okafor reyes')).toEqual([]);
  });
});

describe('withBrokerMatches', () => {
  it('adds what the broker found that the loaded list lacks, after the local matches and once', () => {
    const local = filterAccounts(accounts, 'reyes');
    const broker = [accounts[1] as Account, account('a9', '900099999', 'Ines Reyes')];
    expect(withBrokerMatches(local, broker).map((a) => a.id)).toEqual(['a2', 'a3', 'a9']);
    expect(withBrokerMatches(local, undefined)).toBe(local);
  });
});
