import type { ConnectionHealth } from '../../../shared/domain';
import type { Journal } from '../journal/journal';

/** Where each connection's health is kept, by connection name in any case. */
export interface HealthStore {
  read(name: string): ConnectionHealth | undefined;
  write(name: string, health: ConnectionHealth): void;
  forget(name: string): void;
}

/** Health that lives as long as the process: for tests that build a registry without a journal. */
export function createMemoryHealthStore(): HealthStore {
  const entries = new Map<string, ConnectionHealth>();
  return {
    read: (name) => {
      const entry = entries.get(name.toLowerCase());
      return entry && { ...entry };
    },
    write: (name, health) => {
      entries.set(name.toLowerCase(), { ...health });
    },
    forget: (name) => {
      entries.delete(name.toLowerCase());
    },
  };
}

interface HealthRow {
  last_success_at: string | null;
  last_error_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  reach_accounts: number | null;
  reach_more: number | null;
}

/** Health in the journal (connection_health): the app and every `closeout` command on the data folder see one list. */
export function createJournalHealthStore(journal: Pick<Journal, 'db' | 'write'>): HealthStore {
  const select = journal.db.prepare<[string], HealthRow>('SELECT * FROM connection_health WHERE connection = ?');
  const upsert = journal.db.prepare(
    `INSERT INTO connection_health (connection, last_success_at, last_error_at, last_error_code, last_error_message, reach_accounts, reach_more, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection) DO UPDATE SET last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
       last_error_code = excluded.last_error_code, last_error_message = excluded.last_error_message,
       reach_accounts = excluded.reach_accounts, reach_more = excluded.reach_more, updated_at = excluded.updated_at`,
  );
  const remove = journal.db.prepare('DELETE FROM connection_health WHERE connection = ?');
  return {
    read: (name) => {
      const row = select.get(name.toLowerCase());
      return row && fromRow(row);
    },
    write: (name, health) => {
      const error = health.lastError;
      journal.write(() =>
        upsert.run(
          name.toLowerCase(),
          health.lastSuccessAt,
          error?.at ?? null,
          error?.code ?? null,
          error?.message ?? null,
          health.reach?.accounts ?? null,
          health.reach === null ? null : Number(health.reach.more),
          new Date().toISOString(),
        ),
      );
    },
    forget: (name) => {
      journal.write(() => remove.run(name.toLowerCase()));
    },
  };
}

function fromRow(row: HealthRow): ConnectionHealth {
  return {
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error_at === null ? null : { at: row.last_error_at, code: row.last_error_code ?? 'internal', message: row.last_error_message ?? '' },
    reach: row.reach_accounts === null ? null : { accounts: row.reach_accounts, more: row.reach_more === 1 },
  };
}
