import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain';
import { AccountSearch, accountSearchOf, withBrokerMatches } from './accountFilter';

const account = (id: string, number: string, name: string): Account => ({ id, number, name, status: 'ACTIVE', statusTone: 'active', currency: 'USD' });
const accounts = [account('a1', '900000001', 'Maya Okafor'), account('a2', '900100000', 'Daniel Reyes'), account('a3', '900000100', 'Maya Reyes')];
const ids = (list: readonly Account[]) => list.map((a) => a.id);

/** What the picker must show for a query, read the slow way: every account, every word. */
function expected(list: readonly Account[], typed: string): string[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  return ids(list.filter((a) => words.every((word) => `${a.number}\n${a.name}\n${a.id}`.toLowerCase().includes(word))));
}

describe('AccountSearch', () => {
  it('keeps every account, the same list, when nothing is typed', () => {
    expect(new AccountSearch(accounts).filter('  ')).toBe(accounts);
  });

  it('matches every typed word in the number, the holder or the id, ignoring case', () => {
    const search = new AccountSearch(accounts);
    expect(ids(search.filter('maya'))).toEqual(['a1', 'a3']);
    expect(ids(search.filter('REYES maya'))).toEqual(['a3']);
    expect(ids(search.filter('9001000'))).toEqual(['a2']);
    expect(ids(search.filter('a2'))).toEqual(['a2']);
    expect(search.filter('okafor reyes')).toEqual([]);
  });

  it('answers the list itself while every account still matches, so nothing downstream changes', () => {
    const search = new AccountSearch(accounts);
    expect(search.filter('9')).toBe(accounts);
    expect(search.filter('900')).toBe(accounts);
  });

  it('narrows a longer query from the shorter one and widens again on backspace', () => {
    const search = new AccountSearch(accounts);
    const steps = ['m', 'ma', 'may', 'maya', 'maya ', 'maya r', 'maya re', 'maya r', 'maya', 'ma', 'd', 'da', ''];
    for (const typed of steps) expect(ids(search.filter(typed)), `typed "${typed}"`).toEqual(expected(accounts, typed));
  });

  it('answers a backspace with the very list the shorter query answered before', () => {
    const search = new AccountSearch(accounts);
    const maya = search.filter('maya');
    search.filter('maya r');
    expect(search.filter('maya')).toBe(maya);
  });

  it('finds the same accounts as reading the whole list, whatever is typed, deleted or pasted in turn', () => {
    const names = ['Maya Okafor', 'Daniel Reyes', 'Rosa Weber', 'Ana María Ruiz', 'O\'Neil Rose'];
    const list = Array.from({ length: 60 }, (_, i) => account(`id-${i.toString(16)}`, String(900_000_000 + i * 37), names[i % names.length] as string));
    const typedText = fc.string({ unit: fc.constantFrom('a', 'e', 'r', 'o', 's', 'y', 'í', ' ', '9', '0', '1', '3', '-', 'M', 'R'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(typedText, { minLength: 1, maxLength: 12 }), (texts) => {
        const search = new AccountSearch(list);
        // Each text is typed one character at a time, then half of it deleted, as a person edits a query.
        for (const text of texts) {
          for (let end = 1; end <= text.length; end += 1) expect(ids(search.filter(text.slice(0, end)))).toEqual(expected(list, text.slice(0, end)));
          const kept = text.slice(0, Math.floor(text.length / 2));
          expect(ids(search.filter(kept))).toEqual(expected(list, kept));
        }
      }),
    );
  });

  it('reads a list a streamed page continued with the accounts already read, and finds the new ones', () => {
    const first = accountSearchOf(accounts.slice(0, 2));
    expect(ids(first.filter('reyes'))).toEqual(['a2']);
    const longer = [...first.accounts, accounts[2] as Account];
    expect(ids(accountSearchOf(longer).filter('reyes'))).toEqual(['a2', 'a3']);
    expect(accountSearchOf(longer)).toBe(accountSearchOf(longer));
  });

  it('reads a list that replaces the last one afresh, even when it starts with the same numbers', () => {
    accountSearchOf(accounts);
    const renamed = [account('a1', '900000001', 'Maya Okafor-Lee'), ...accounts.slice(1)];
    expect(ids(accountSearchOf(renamed).filter('lee'))).toEqual(['a1']);
  });
});

describe('withBrokerMatches', () => {
  it('adds what the broker found that the local matches lack, after them and once', () => {
    const search = new AccountSearch(accounts);
    const local = search.filter('reyes');
    const broker = [accounts[1] as Account, account('a9', '900099999', 'Ines Reyes')];
    expect(ids(withBrokerMatches(local, broker, search, 'reyes'))).toEqual(['a2', 'a3', 'a9']);
    expect(withBrokerMatches(local, undefined, search, 'reyes')).toBe(local);
  });

  it('adds a loaded account the broker found by something the local search does not read, such as its e-mail', () => {
    const search = new AccountSearch(accounts);
    const local = search.filter('maya@example');
    expect(local).toEqual([]);
    expect(ids(withBrokerMatches(local, [accounts[0] as Account], search, 'maya@example'))).toEqual(['a1']);
  });

  it('answers the local list itself when the broker found nothing new', () => {
    const search = new AccountSearch(accounts);
    const local = search.filter('maya');
    expect(withBrokerMatches(local, [accounts[2] as Account], search, 'maya')).toBe(local);
  });
});
