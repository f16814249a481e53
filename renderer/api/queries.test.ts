import { matchQuery } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { selectionStore } from '../state/selection';
import {
  accountsQuery,
  auditListQuery,
  auditVerifyQuery,
  closeCheckQuery,
  createQueryClient,
  interruptedActionsQuery,
  ordersQuery,
  pollList,
  positionsQuery,
  queryKeys,
  retryDelay,
  shouldRetry,
} from './queries';

describe('query keys', () => {
  it('nest from connection to account to each read, so one prefix invalidates an account', () => {
    const account = queryKeys.account('Alpaca', 'acc-1');
    const reads = ['positions', 'orders', 'history', 'closeCheck'] as const;
    for (const key of reads.map((read) => queryKeys[read]('Alpaca', 'acc-1'))) {
      expect(key.slice(0, account.length)).toEqual(account);
    }
    expect(account.slice(0, 3)).toEqual(queryKeys.connection('Alpaca'));
    expect(queryKeys.accounts('Alpaca', 'smith')).toEqual(['connections', 'one', 'Alpaca', 'accounts', 'smith']);
  });

  it('have one root for everything about connections, with the list apart from a connection named "list"', () => {
    const root = { queryKey: queryKeys.connectionsRoot() };
    for (const queryKey of [queryKeys.connections(), queryKeys.accounts('Alpaca', ''), queryKeys.positions('Alpaca', 'acc-1')]) {
      expect(matchQuery(root, { queryKey } as never)).toBe(true);
    }
    expect(matchQuery({ queryKey: queryKeys.connections() }, { queryKey: queryKeys.accounts('list', '') } as never)).toBe(false);
    expect(matchQuery({ queryKey: queryKeys.connection('list') }, { queryKey: queryKeys.connections() } as never)).toBe(false);
  });

  it('keep different accounts apart', () => {
    const query = { queryKey: queryKeys.positions('Alpaca', 'acc-2') };
    expect(matchQuery({ queryKey: queryKeys.account('Alpaca', 'acc-1') }, query as never)).toBe(false);
  });
});

describe('polling', () => {
  it('polls the positions and orders of the account on screen every 5 s, another account every minute', () => {
    selectionStore.setState({ connection: 'A', account: { id: '1' } as Account });
    try {
      for (const [options, expected] of [
        [positionsQuery('A', '1'), 5_000],
        [ordersQuery('A', '1'), 5_000],
        [positionsQuery('A', '2'), 60_000],
        [ordersQuery('B', '1'), 60_000],
      ] as const) {
        const interval = options.refetchInterval as () => unknown;
        expect(interval()).toBe(expected);
        expect(options.refetchIntervalInBackground).toBe(false);
      }
    } finally {
      selectionStore.setState({ connection: null, account: null });
    }
  });

  it('reads the account list again after a minute, not on every return to the window', () => {
    expect(accountsQuery('A', '').staleTime).toBe(60_000);
  });

  it('never serves a cached close check', () => {
    expect(closeCheckQuery('A', '1').staleTime).toBe(0);
  });

  it('keeps the previous search result only within the same connection', () => {
    const placeholder = accountsQuery('A', 'smi').placeholderData as (previous: unknown, query: unknown) => unknown;
    expect(placeholder(['kept'], { queryKey: queryKeys.accounts('A', 'sm') })).toEqual(['kept']);
    expect(placeholder(['kept'], { queryKey: queryKeys.accounts('B', 'sm') })).toBeUndefined();
  });
});

describe('interrupted actions', () => {
  const listed = (verdict: 'happened' | null) => ({ actionId: 'a-1', kind: 'close_position', summary: 'close of 1 share of AAPL', startedAt: '2026-12-03T09:41:03Z', verdict, message: null });

  it('are read again every 5 s while one is still being read, and no more once all are settled', () => {
    const interval = interruptedActionsQuery().refetchInterval as (query: unknown) => unknown;
    expect(interval({ state: { data: [listed('happened'), listed(null)] } })).toBe(5000);
    expect(interval({ state: { data: [listed('happened')] } })).toBe(false);
    expect(interval({ state: { data: undefined } })).toBe(false);
  });

  it('are read once, not again on every return to the window', () => {
    expect(interruptedActionsQuery().staleTime).toBe(Infinity);
  });
});

describe('shouldRetry', () => {
  it('retries a network error or rate limit at most twice', () => {
    const error = new AppError({ code: 'network', message: 'offline' });
    expect([0, 1, 2].map((failures) => shouldRetry(failures, error))).toEqual([true, true, false]);
    expect(shouldRetry(0, new AppError({ code: 'rate_limited', message: 'slow down' }))).toBe(true);
  });

  it('does not retry codes that a retry cannot fix, whatever the message says', () => {
    expect(shouldRetry(0, new AppError({ code: 'credentials_refused', message: 'network timeout' }))).toBe(false);
    expect(shouldRetry(0, new Error('network'))).toBe(false);
  });

  it('does not retry when main marks the failure as not retryable', () => {
    expect(shouldRetry(0, new AppError({ code: 'network', message: 'x', retryable: false }))).toBe(false);
  });

  it('waits as long as the broker asked after a rate limit, within 30 s', () => {
    expect(retryDelay(0, new AppError({ code: 'rate_limited', message: 'slow down', retryAfterMs: 4_000 }))).toBe(4_000);
    expect(retryDelay(0, new AppError({ code: 'rate_limited', message: 'slow down', retryAfterMs: 600_000 }))).toBe(30_000);
  });

  it('backs off exponentially otherwise', () => {
    const error = new AppError({ code: 'network', message: 'offline' });
    expect([0, 1, 2].map((failures) => retryDelay(failures, error))).toEqual([1_000, 2_000, 4_000]);
  });

  it('is the default for queries, and mutations never retry', () => {
    const client = createQueryClient();
    expect(client.getDefaultOptions().queries?.retry).toBe(shouldRetry);
    expect(client.getDefaultOptions().queries?.retryDelay).toBe(retryDelay);
    expect(client.getDefaultOptions().mutations?.retry).toBe(false);
  });
});

describe('audit reads', () => {
  it('are keyed under one prefix and never served from cache', () => {
    for (const options of [auditListQuery('close_all', ''), auditVerifyQuery()]) {
      expect(options.queryKey.slice(0, 1)).toEqual(queryKeys.audit());
      expect(options.staleTime).toBe(0);
    }
    expect(auditListQuery('close_all', 'unknown').queryKey).not.toEqual(auditListQuery('close_all', '').queryKey);
  });
});

describe('pollList', () => {
  const held = { revision: 'rev-1', items: [{ id: 'AAPL' }] };

  it('asks without a revision the first time and keeps what the core sends', async () => {
    const sent: unknown[] = [];
    const list = await pollList(undefined, async (known) => {
      sent.push(known);
      return { revision: 'rev-1', unchanged: false, items: [{ id: 'AAPL' }] };
    });
    expect(sent).toEqual([{}]);
    expect(list).toEqual(held);
  });

  it('sends the revision it holds and keeps the very same object when the core says unchanged', async () => {
    const sent: unknown[] = [];
    const list = await pollList(held, async (known) => {
      sent.push(known);
      return { revision: 'rev-1', unchanged: true };
    });
    expect(sent).toEqual([{ knownRevision: 'rev-1' }]);
    expect(list).toBe(held);
  });

  it('takes the new rows when the core sends a new revision', async () => {
    const list = await pollList(held, async () => ({ revision: 'rev-2', unchanged: false, items: [{ id: 'MSFT' }] }));
    expect(list).toEqual({ revision: 'rev-2', items: [{ id: 'MSFT' }] });
  });

  it('refuses an unchanged answer for a revision it does not hold rather than show a wrong list', async () => {
    await expect(pollList(held, async () => ({ revision: 'rev-9', unchanged: true }))).rejects.toMatchObject({ code: 'internal' });
  });
});
