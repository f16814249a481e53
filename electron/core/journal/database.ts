import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { migrate } from './schema';

export type { Database } from 'better-sqlite3';

export const JOURNAL_FILE_NAME = 'closeout.db';
/** How long a write waits for another process's transaction before it gives up (SQLite's busy handler). */
export const BUSY_TIMEOUT_MS = 10_000;

/** Why the journal could not be read or written, in words a person can act on. */
export function storageReason(error: unknown): string {
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  // SHMSIZE: the shared-memory file a new process needs could not grow, which on a full disk is the first write to fail.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_SHMSIZE') return 'the disk is full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the data folder is read-only or not writable by this user';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'the file cannot be opened (is the data folder writable?)';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return `another Closeout process kept it busy for more than ${BUSY_TIMEOUT_MS / 1000} s`;
  if (code.startsWith('SQLITE_IOERR')) return `the disk refused the write (${code})`;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'the file is damaged';
  return error instanceof Error ? error.message : String(error);
}

/** The error for a journal that cannot be used: code storage_unavailable, with what the caller says happened. */
export function storageError(error: unknown, file: string, consequence: string): AppError {
  if (error instanceof AppError) return error;
  return new AppError({
    code: 'storage_unavailable',
    outcome: 'not_sent',
    retryable: false,
    message: `Closeout could not write its journal ${file}: ${storageReason(error)}. ${consequence}`,
  });
}

/**
 * Opens (creating it if need be) the journal in the data folder: WAL, so readers never wait for the writer, and
 * synchronous=FULL, so a committed transaction is on disk before the call returns. The folder is created private.
 */
export function openDatabase(dataDir: string): Database {
  const file = path.join(dataDir, JOURNAL_FILE_NAME);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    // SQLite gives its -wal and -shm files the database file's mode.
    chmodSync(file, 0o600);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the file system does not support SQLite's write-ahead log (journal mode ${String(mode)})`);
    db.pragma('synchronous = FULL');
    // Reads (a verify of the whole trail above all) go through memory maps instead of a read call per page.
    db.pragma('mmap_size = 4294967296');
    db.transaction(() => migrate(db)).immediate();
    return db;
  } catch (error) {
    throw storageError(error, file, 'Nothing was sent.');
  }
}
