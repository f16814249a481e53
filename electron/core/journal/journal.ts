import path from 'node:path';
import { openDatabase, storageError, JOURNAL_FILE_NAME, type Database } from './database';
import { endHolder, isRunning, startHolder, type ProcessRecord } from './processIdentity';

/** How often a process tells the others it still runs (they give up on a silent remote process after a minute). */
const HEARTBEAT_MS = 10_000;

/**
 * The data folder's one transactional store: the audit chain, intents, leases and wind-down runs all live in it, and
 * every process that uses the folder (the app, any number of `closeout` commands) registers itself here so the others
 * can tell whether what it left behind is still in hand.
 */
export interface Journal {
  readonly db: Database;
  readonly file: string;
  readonly dataDir: string;
  /** This process's token, the owner of what it writes. */
  readonly me: string;
  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE: writers across processes take turns, so what it reads
   * stays true until it commits). A failure to commit becomes storage_unavailable with `consequence` in its words.
   */
  write<T>(work: () => T, consequence?: string): T;
  /** Whether the process with this token still runs; an unknown token is a process that is gone. */
  isRunning(token: string): boolean;
  /** The process behind a token, when it is known. */
  processOf(token: string): ProcessRecord | null;
  close(): void;
}

interface ProcessRow {
  token: string;
  pid: number;
  host: string;
  start_id: string | null;
  started_at: string;
  heartbeat_at: string;
}

function toRecord(row: ProcessRow): ProcessRecord {
  return { token: row.token, pid: row.pid, host: row.host, startId: row.start_id, startedAt: row.started_at, heartbeatAt: row.heartbeat_at };
}

export function openJournal(dataDir: string): Journal {
  const db = openDatabase(dataDir);
  const file = path.join(dataDir, JOURNAL_FILE_NAME);
  const me = startHolder();
  const selectProcess = db.prepare<[string], ProcessRow>('SELECT * FROM processes WHERE token = ?');
  const beat = db.prepare('UPDATE processes SET heartbeat_at = ? WHERE token = ?');

  function write<T>(work: () => T, consequence = 'Nothing was sent.'): T {
    try {
      return db.transaction(work).immediate();
    } catch (error) {
      throw storageError(error, file, consequence);
    }
  }

  const processOf = (token: string) => {
    const row = selectProcess.get(token);
    return row ? toRecord(row) : null;
  };

  write(() => {
    const now = new Date().toISOString();
    db.prepare('INSERT OR IGNORE INTO processes (token, pid, host, start_id, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      me.token, me.pid, me.host, me.startId, me.startedAt, now,
    );
    beat.run(now, me.token);
    forgetGoneProcesses(db);
  });

  // A missed beat is harmless (the next one comes); a busy journal must not crash the process from a timer.
  const heartbeat = setInterval(() => {
    try {
      beat.run(new Date().toISOString(), me.token);
    } catch {
      return;
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    db,
    file,
    dataDir,
    me: me.token,
    write,
    isRunning: (token) => {
      const record = processOf(token);
      return record !== null && isRunning(record);
    },
    processOf,
    close: () => {
      clearInterval(heartbeat);
      endHolder(me.token);
      db.close();
    },
  };
}

/** Rows of processes that are gone and hold nothing any more: the table stays as small as the live set. */
function forgetGoneProcesses(db: Database): void {
  const candidates = db
    .prepare<[], ProcessRow>(
      `SELECT * FROM processes p WHERE NOT EXISTS (SELECT 1 FROM leases l WHERE l.owner = p.token)
        AND NOT EXISTS (SELECT 1 FROM intents i WHERE (i.owner = p.token OR i.settler = p.token) AND i.state IN ('prepared', 'sent', 'unknown'))`,
    )
    .all();
  const remove = db.prepare('DELETE FROM processes WHERE token = ?');
  for (const row of candidates) if (!isRunning(toRecord(row))) remove.run(row.token);
}
