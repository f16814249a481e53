import type { Account } from '../../shared/domain';

// A keystroke in a 100,000-account picker must filter and paint inside a frame. So each account's searchable text is
// lower-cased once per list (not per keystroke, and not again for the accounts a streamed page only appends), with a
// mask of the letters and digits in it: one bit test settles a one-character word and skips most of the substring
// tests of a longer one. A query that extends the one before filters that one's result instead of the whole list, so
// after the first keystroke or two a keystroke reads only the accounts still matching; the results of the query's
// shorter forms are kept, so a backspace reads nothing.

interface Matches {
  /** The query's words, lower-cased and joined by single spaces. */
  key: string;
  words: readonly string[];
  /** Where the matching accounts are in the list, in order; null for all of them. */
  positions: Int32Array | null;
  accounts: readonly Account[];
}

/** A word to look for: the letters and digits it needs, and whether those alone settle it. */
interface Needle {
  word: string;
  letters: number;
  digits: number;
  settled: boolean;
}

const LETTER_A = 97;
const DIGIT_0 = 48;

function masksOf(text: string): [letters: number, digits: number] {
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= LETTER_A && code < LETTER_A + 26) letters |= 1 << (code - LETTER_A);
    else if (code >= DIGIT_0 && code < DIGIT_0 + 10) digits |= 1 << (code - DIGIT_0);
  }
  return [letters, digits];
}

function needleOf(word: string): Needle {
  const [letters, digits] = masksOf(word);
  return { word, letters, digits, settled: word.length === 1 && (letters | digits) !== 0 };
}

const textOf = (account: Account) => `${account.number}\n${account.name}\n${account.id}`.toLowerCase();

function wordsOf(typed: string): string[] {
  return typed.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

/** The accounts of one list, searchable by what a person types. */
export class AccountSearch {
  readonly accounts: readonly Account[];
  readonly #texts: readonly string[];
  readonly #letters: Int32Array;
  readonly #digits: Int32Array;
  /** The results of what was typed last and of its shorter forms: each entry's key starts the next one's. */
  #chain: Matches[] = [];
  #positions: Map<string, number> | undefined;

  /**
   * Given the search of a list this one continues (the same accounts first, as a streamed page leaves them), only the
   * added accounts are read.
   */
  constructor(accounts: readonly Account[], previous?: AccountSearch) {
    this.accounts = accounts;
    const known = previous && startsWith(accounts, previous.accounts) ? previous.accounts.length : 0;
    const texts = previous ? previous.#texts.slice(0, known) : [];
    this.#letters = new Int32Array(accounts.length);
    this.#digits = new Int32Array(accounts.length);
    if (previous) {
      this.#letters.set(previous.#letters.subarray(0, known));
      this.#digits.set(previous.#digits.subarray(0, known));
    }
    for (let i = known; i < accounts.length; i += 1) {
      const text = textOf(accounts[i] as Account);
      texts.push(text);
      [this.#letters[i], this.#digits[i]] = masksOf(text);
    }
    this.#texts = texts;
  }

  /**
   * The accounts whose number, holder name or id hold every word typed, case-insensitively, in the list's order; the
   * list itself when nothing is typed or every account matches.
   */
  filter(typed: string): readonly Account[] {
    const words = wordsOf(typed);
    const key = words.join(' ');
    // A query that starts with another one's words asks for a subset of that one's accounts.
    while (this.#chain.length > 0 && !key.startsWith((this.#chain.at(-1) as Matches).key)) this.#chain.pop();
    if (key === '') return this.accounts;
    const base = this.#chain.at(-1) ?? { key: '', words: [], positions: null, accounts: this.accounts };
    if (base.key === key) return base.accounts;
    const matches = this.#narrow(base, key, words);
    this.#chain.push(matches);
    return matches.accounts;
  }

  /** Whether an account with this id is in the list and `filter(typed)` keeps it. */
  keeps(accountId: string, typed: string): boolean {
    if (!this.#positions) {
      this.#positions = new Map();
      for (let i = 0; i < this.accounts.length; i += 1) this.#positions.set((this.accounts[i] as Account).id, i);
    }
    const at = this.#positions.get(accountId);
    return at !== undefined && this.#holds(at, wordsOf(typed).map(needleOf));
  }

  #holds(at: number, needles: readonly Needle[]): boolean {
    const letters = this.#letters[at] as number;
    const digits = this.#digits[at] as number;
    for (const needle of needles) {
      if ((letters & needle.letters) !== needle.letters || (digits & needle.digits) !== needle.digits) return false;
      if (!needle.settled && !(this.#texts[at] as string).includes(needle.word)) return false;
    }
    return true;
  }

  /** The accounts of `from` that hold every word of the query, reading only what `from` does not settle. */
  #narrow(from: Matches, key: string, words: readonly string[]): Matches {
    // Every word of `from` but its last is a word of this query, and the last is the start of one: already held.
    const needles = words.slice(Math.max(0, from.words.length - 1)).map(needleOf);
    const source = from.positions;
    const size = source ? source.length : this.accounts.length;
    const kept = new Int32Array(size);
    let count = 0;
    for (let i = 0; i < size; i += 1) {
      const at = source ? (source[i] as number) : i;
      if (this.#holds(at, needles)) kept[count++] = at;
    }
    // Nothing dropped: the very same list, so nothing downstream sees a change.
    if (count === size) return { key, words, positions: source, accounts: from.accounts };
    const positions = kept.slice(0, count);
    const accounts = new Array<Account>(count);
    for (let i = 0; i < count; i += 1) accounts[i] = this.accounts[positions[i] as number] as Account;
    return { key, words, positions, accounts };
  }
}

let latest: AccountSearch | undefined;

/** The search of `accounts`, continuing the one built last when this list continues that one's (a page streamed in). */
export function accountSearchOf(accounts: readonly Account[]): AccountSearch {
  if (latest?.accounts !== accounts) latest = new AccountSearch(accounts, latest);
  return latest;
}

function startsWith(accounts: readonly Account[], head: readonly Account[]): boolean {
  if (head.length > accounts.length) return false;
  for (let i = 0; i < head.length; i += 1) if (head[i] !== accounts[i]) return false;
  return true;
}

/**
 * The local matches (`search.filter(typed)`), then what the broker's own search found that they lack: it also searches
 * e-mail and phone, and reaches accounts the list has not loaded yet.
 */
export function withBrokerMatches(local: readonly Account[], broker: readonly Account[] | undefined, search: AccountSearch, typed: string): readonly Account[] {
  if (broker === undefined || broker.length === 0) return local;
  const extra = broker.filter((account) => !search.keeps(account.id, typed));
  return extra.length === 0 ? local : [...local, ...extra];
}
