import { matchQuery, QueryClient, queryOptions } from '@tanstack/react-query';
import type { Account, Order, Position } from '../../shared/domain';
import { AppError, isRetryableCode } from '../../shared/errors';
import type { PolledList } from '../../shared/polledList';
import { auditListRequest } from '../lib/auditFilter';
import { interruptedOf, isBeingRead, mergeInterrupted, type InterruptedAction } from '../lib/interrupted';
import { pollInterval, type PollSight } from '../lib/pollPace';
import { selectionStore } from '../state/selection';
import { streamAccounts } from './accountStream';
import { call } from './client';

export const POLL_INTERVAL_MS = 5_000;
export const ACCOUNTS_STALE_MS = 60_000;
const MAX_RETRIES = 2;

/** Query keys from general to specific, so invalidating a prefix reaches everything below it. */
export const queryKeys = {
  appInfo: () => ['app', 'info'] as const,
  /** Everything read about connections: the list and each connection's accounts, positions and orders. */
  connectionsRoot: () => ['connections'] as const,
  connections: () => [...queryKeys.connectionsRoot(), 'list'] as const,
  // 'one' keeps a connection named "list" apart from the list itself.
  connection: (connection: string) => [...queryKeys.connectionsRoot(), 'one', connection] as const,
  accounts: (connection: string, search: string) => [...queryKeys.connection(connection), 'accounts', search] as const,
  account: (connection: string, accountId: string) => [...queryKeys.connection(connection), 'account', accountId] as const,
  positions: (connection: string, accountId: string) => [...queryKeys.account(connection, accountId), 'positions'] as const,
  orders: (connection: string, accountId: string) => [...queryKeys.account(connection, accountId), 'orders'] as const,
  history: (connection: string, accountId: string) => [...queryKeys.account(connection, accountId), 'history'] as const,
  closeCheck: (connection: string, accountId: string) => [...queryKeys.account(connection, accountId), 'closeCheck'] as const,
  balances: (connection: string, accountId: string) => [...queryKeys.account(connection, accountId), 'balances'] as const,
  audit: () => ['audit'] as const,
  auditList: (action: string, outcome: string) => ['audit', 'list', action, outcome] as const,
  auditVerify: () => ['audit', 'verify'] as const,
  interruptedActions: () => ['actions', 'interrupted'] as const,
};

/** Retries reads only for codes that say a retry can help (rate limit, network), at most twice; never by message text. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof AppError && isRetryableCode(error.code) && error.retryable && failureCount < MAX_RETRIES;
}

const MAX_RETRY_DELAY_MS = 30_000;

/** Waits as long as a rate-limited broker asked, otherwise backs off exponentially from one second. */
export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof AppError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, MAX_RETRY_DELAY_MS);
  return Math.min(1_000 * 2 ** failureCount, MAX_RETRY_DELAY_MS);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay },
      // A destructive request is never repeated behind the user's back.
      mutations: { retry: false },
    },
  });
}

export const appInfoQuery = () =>
  queryOptions({ queryKey: queryKeys.appInfo(), queryFn: () => call('app:info', {}), staleTime: Infinity });

export const connectionsQuery = () => queryOptions({ queryKey: queryKeys.connections(), queryFn: () => call('connections:list', {}) });

/** A connection's accounts; `complete` is false while pages are still arriving. */
export interface AccountList {
  accounts: readonly Account[];
  complete: boolean;
}

export const accountsQuery = (connection: string, search: string) =>
  queryOptions({
    queryKey: queryKeys.accounts(connection, search),
    // The first load shows each page as it comes; a re-read (after a close) keeps the whole list until the new one is.
    queryFn: async ({ client, queryKey }): Promise<AccountList> => {
      const accounts = await streamAccounts(connection, search, (sofar) => {
        if (client.getQueryData<AccountList>(queryKey)?.complete !== true) client.setQueryData<AccountList>(queryKey, { accounts: sofar, complete: false });
      });
      return { accounts, complete: true };
    },
    // A broker call that can list thousands of accounts: not repeated on every return to the window. Closing an
    // account or running a wind-down invalidates it at once.
    staleTime: ACCOUNTS_STALE_MS,
    // While a new search loads, keep showing the last result of the same connection (never another connection's).
    placeholderData: (previous, previousQuery) => (previousQuery !== undefined && matchQuery({ queryKey: queryKeys.connection(connection) }, previousQuery) ? previous : undefined),
  });

/** What the window shows of this account now: asked again after every read, so the pace follows the screen. */
function sightOf(connection: string, accountId: string): PollSight {
  const shown = selectionStore.getState();
  return {
    focused: shown.connection === connection && shown.account?.id === accountId,
    visible: typeof document === 'undefined' || document.visibilityState !== 'hidden',
  };
}

const polled = (connection: string, accountId: string) =>
  ({ refetchInterval: () => pollInterval(sightOf(connection, accountId)), refetchIntervalInBackground: false }) as const;

/** What the cache keeps of a polled list: its rows, and the revision that goes back with the next poll. */
export interface RevisionedList<T> {
  revision: string;
  items: T[];
}

/**
 * One poll: sends the revision already held and keeps the very same cached object when the core answers unchanged,
 * so nothing downstream (structural sharing, sorting, rows) has any work to do.
 */
export async function pollList<T>(
  held: RevisionedList<T> | undefined,
  poll: (known: { knownRevision?: string }) => Promise<PolledList<T>>,
): Promise<RevisionedList<T>> {
  const answer = await poll(held ? { knownRevision: held.revision } : {});
  if (!answer.unchanged) return { revision: answer.revision, items: answer.items };
  if (!held || held.revision !== answer.revision) {
    throw new AppError({ code: 'internal', message: 'Closeout was told a list is unchanged that it does not hold; refresh to read it again.' });
  }
  return held;
}

function itemsOf<T>(list: RevisionedList<T>): T[] {
  return list.items;
}

export const positionsQuery = (connection: string, accountId: string) =>
  queryOptions({
    queryKey: queryKeys.positions(connection, accountId),
    queryFn: ({ client, queryKey }) =>
      pollList(client.getQueryData<RevisionedList<Position>>(queryKey), (known) => call('positions:poll', { connection, accountId, ...known })),
    select: itemsOf<Position>,
    ...polled(connection, accountId),
  });

export const ordersQuery = (connection: string, accountId: string) =>
  queryOptions({
    queryKey: queryKeys.orders(connection, accountId),
    queryFn: ({ client, queryKey }) =>
      pollList(client.getQueryData<RevisionedList<Order>>(queryKey), (known) => call('orders:poll', { connection, accountId, ...known })),
    select: itemsOf<Order>,
    ...polled(connection, accountId),
  });

/**
 * Balances move with prices, but a desk reads them at a glance rather than tick by tick: read at a third of the
 * positions' pace, and at once after every action (which invalidates the account).
 */
export const balancesQuery = (connection: string, accountId: string) =>
  queryOptions({
    queryKey: queryKeys.balances(connection, accountId),
    queryFn: () => call('account:balances', { connection, accountId }),
    refetchInterval: POLL_INTERVAL_MS * 3,
    refetchIntervalInBackground: false,
  });

/** Closed trades change only when something closes, and every close invalidates the account: no polling. */
export const historyQuery = (connection: string, accountId: string) =>
  queryOptions({
    queryKey: queryKeys.history(connection, accountId),
    queryFn: () => call('positions:history', { connection, accountId }),
  });

/** Read fresh every time the close-account dialog opens: a stale checklist is worse than none. */
export const closeCheckQuery = (connection: string, accountId: string) =>
  queryOptions({
    queryKey: queryKeys.closeCheck(connection, accountId),
    queryFn: () => call('account:closeCheck', { connection, accountId }),
    staleTime: 0,
    gcTime: 0,
  });

/** How many records the Activity view reads at most: the log's newest, filtered by the main process. */
export const AUDIT_LIST_LIMIT = 10_000;

/** The audit trail changes with every action and settling push: read fresh whenever the Activity view opens. */
export const auditListQuery = (action: string, outcome: string) =>
  queryOptions({
    queryKey: queryKeys.auditList(action, outcome),
    queryFn: () => call('audit:list', auditListRequest({ action, outcome }, AUDIT_LIST_LIMIT)),
    // While other filters load, the last list stays on screen instead of a loading line.
    placeholderData: (previous) => previous,
    staleTime: 0,
    gcTime: 0,
  });

export const auditVerifyQuery = () =>
  queryOptions({ queryKey: queryKeys.auditVerify(), queryFn: () => call('audit:verify', {}), staleTime: 0, gcTime: 0 });

/**
 * Actions a Closeout process that stopped left unfinished, as the core that started since settles them. The core
 * claims them when it starts, so the list is read once, not on every return to the window (that would add a read to
 * every refresh of the account view); pushes keep it current, and while one is still being read it is re-read too,
 * since the process reading it may be another.
 */
export const interruptedActionsQuery = () =>
  queryOptions({
    queryKey: queryKeys.interruptedActions(),
    queryFn: async ({ client, queryKey }) => {
      const fresh = (await call('actions:interrupted', {})).flatMap((receipt) => interruptedOf(receipt) ?? []);
      return mergeInterrupted(client.getQueryData<InterruptedAction[]>(queryKey), fresh);
    },
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.some(isBeingRead) ? POLL_INTERVAL_MS : false),
  });
