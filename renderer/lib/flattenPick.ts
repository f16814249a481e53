import type { RequestOf } from '../../shared/contract';

/** What the person picked: connections, each with every account or some of them. */
export interface FlattenPick {
  connections: readonly string[];
  /** Absent for a connection: all its accounts. */
  accounts: Readonly<Record<string, readonly string[]>>;
}

export const NOTHING_PICKED: FlattenPick = { connections: [], accounts: {} };

export function toggleConnection(pick: FlattenPick, connection: string): FlattenPick {
  if (pick.connections.includes(connection)) {
    const accounts = { ...pick.accounts };
    delete accounts[connection];
    return { connections: pick.connections.filter((name) => name !== connection), accounts };
  }
  return { ...pick, connections: [...pick.connections, connection] };
}

/** Every account of the connection (null), or only those listed. */
export function setAccounts(pick: FlattenPick, connection: string, accounts: readonly string[] | null): FlattenPick {
  const next = { ...pick.accounts };
  if (accounts === null) delete next[connection];
  else next[connection] = accounts;
  return { ...pick, accounts: next };
}

export function toggleAccount(pick: FlattenPick, connection: string, accountId: string): FlattenPick {
  const current = pick.accounts[connection] ?? [];
  return setAccounts(pick, connection, current.includes(accountId) ? current.filter((id) => id !== accountId) : [...current, accountId]);
}

/**
 * The request that plans the pick, or why there is none yet. When every picked connection is taken whole, the core
 * lists their accounts itself; otherwise every account goes by id, those of whole connections from their loaded lists.
 */
export function flattenRequest(pick: FlattenPick, loaded: (connection: string) => readonly string[] | null): { request: RequestOf<'flatten:prepare'> } | { missing: string } {
  if (pick.connections.length === 0) return { missing: 'Pick at least one connection.' };
  const empty = pick.connections.find((connection) => pick.accounts[connection]?.length === 0);
  if (empty !== undefined) return { missing: `Pick at least one account of ${empty}, or all of them.` };
  if (pick.connections.every((connection) => pick.accounts[connection] === undefined)) return { request: { connections: [...pick.connections] } };
  const accounts: { connection: string; accountId: string }[] = [];
  for (const connection of pick.connections) {
    const ids = pick.accounts[connection] ?? loaded(connection);
    if (ids === null) return { missing: `Reading the accounts of ${connection}…` };
    accounts.push(...ids.map((accountId) => ({ connection, accountId })));
  }
  return { request: { connections: [...pick.connections], accounts } };
}
