import type { AccountsPage } from '../../shared/contract';
import type { Account } from '../../shared/domain';
import { call } from './client';

/** After the answer, how long pages still on their way may take before the list is read again in one piece. */
const STRAGGLER_MS = 5_000;

let streams = 0;

/**
 * A connection's accounts through accounts:stream: `onProgress` gets the accounts so far, in order, as each page is
 * pushed, and the promise the whole list once every page counted in the answer has come. Pages are placed by their
 * offset, so one that overtakes another does not reorder the list.
 */
export function streamAccounts(connection: string, search: string, onProgress: (accounts: Account[]) => void): Promise<Account[]> {
  const request = search === '' ? { connection } : { connection, search };
  const bridge = typeof window === 'undefined' ? undefined : window.closeout;
  if (typeof bridge?.on !== 'function') return call('accounts:list', request);
  streams += 1;
  const streamId = `accounts-${Date.now().toString(36)}-${streams}`;
  return new Promise<Account[]>((resolve, reject) => {
    const pages = new Map<number, Account[]>();
    let list: Account[] = [];
    let count: number | null = null;
    let straggler: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (outcome: () => void): void => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(straggler);
      outcome();
    };
    const settleIfWhole = (): void => {
      if (count !== null && list.length >= count) finish(() => resolve(list.slice(0, count ?? undefined)));
    };
    const unsubscribe = bridge.on('accounts:page', (page: AccountsPage) => {
      if (page.streamId !== streamId) return;
      pages.set(page.loaded - page.accounts.length, page.accounts);
      let next = pages.get(list.length);
      if (next === undefined) return;
      const joined = [...list];
      while (next !== undefined) {
        pages.delete(joined.length);
        for (const account of next) joined.push(account);
        next = pages.get(joined.length);
      }
      list = joined;
      onProgress(list);
      settleIfWhole();
    });
    call('accounts:stream', { ...request, streamId }).then(
      (answer) => {
        count = answer.count;
        settleIfWhole();
        if (done) return;
        // A page lost on the way (a window reloaded mid-list) must not leave the picker loading forever.
        straggler = setTimeout(() => finish(() => void call('accounts:list', request).then(resolve, reject)), STRAGGLER_MS);
      },
      (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
