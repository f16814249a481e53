import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { JOURNAL_FILE_NAME } from '../core/journal/database';

// What the fault suite reads straight from a data folder's journal while commands come and go: plain SELECTs on a
// connection of its own, opened and closed per look, so the test holds nothing the commands could wait on.

export interface IntentRow {
  action_id: string;
  kind: string;
  state: string;
  verdict: string | null;
  interrupted_at: string | null;
  reported_at: string | null;
}

export interface AuditRow {
  seq: number;
  actionId: string;
  phase: string;
  outcome: string | null;
  message: string | null;
}

function look<T>(dataDir: string, read: (db: Database) => T): T {
  const db = new BetterSqlite3(path.join(dataDir, JOURNAL_FILE_NAME), { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The intent created last, or null when there is none. */
export function newestIntent(dataDir: string): IntentRow | null {
  return look(dataDir, (db) => db.prepare<[], IntentRow>('SELECT * FROM intents ORDER BY created_at DESC, rowid DESC LIMIT 1').get() ?? null);
}

export function intent(dataDir: string, actionId: string): IntentRow | null {
  return look(dataDir, (db) => db.prepare<[string], IntentRow>('SELECT * FROM intents WHERE action_id = ?').get(actionId) ?? null);
}

/** Every audit record, oldest first. */
export function auditRows(dataDir: string): AuditRow[] {
  return look(dataDir, (db) =>
    db
      .prepare<[], { seq: number; body: string }>('SELECT seq, body FROM audit ORDER BY seq')
      .all()
      .map((row) => {
        const body = JSON.parse(row.body) as { actionId: string; phase: string; outcome: string | null; message: string | null };
        return { seq: row.seq, actionId: body.actionId, phase: body.phase, outcome: body.outcome, message: body.message };
      }),
  );
}

/** Action ids whose attempt is on the trail with no outcome after it: a record lost, or an action still in flight. */
export function attemptsWithoutOutcome(rows: readonly AuditRow[]): string[] {
  const open = new Set<string>();
  for (const row of rows) {
    if (row.phase === 'attempt') open.add(row.actionId);
    else open.delete(row.actionId);
  }
  return [...open];
}
