import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMemoryAuditKeys } from '../credentials/auditKeyStore';
import { openJournalStores, type JournalStores } from '.';
import type { Journal } from './journal';

/** A journal in a fresh temp folder with in-memory audit keys; `cleanup` closes it and removes the folder. */
export async function tempJournal(): Promise<JournalStores & { dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-journal-'));
  const stores = openJournalStores(dataDir, createMemoryAuditKeys());
  return {
    ...stores,
    dataDir,
    cleanup: async () => {
      stores.journal.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another holder in the journal, as another Closeout process would register itself: live or gone as `pid` and `startId` say. */
export function plantHolder(journal: Journal, pid: number, startId: string | null): string {
  const token = `holder-${pid}-${Math.random().toString(36).slice(2)}`;
  const now = new Date().toISOString();
  journal.db.prepare('INSERT INTO processes (token, pid, host, start_id, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)').run(token, pid, os.hostname(), startId, now, now);
  return token;
}

/** A lease that holder has on `key`, as if it were acting on the target. */
export function plantLease(journal: Journal, key: string, owner: string, description = 'close all positions'): void {
  journal.db.prepare('INSERT INTO leases (key, owner, action_id, description, since) VALUES (?, ?, ?, ?, ?)').run(key, owner, `action-of-${owner}`, description, new Date().toISOString());
}
