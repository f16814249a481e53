import { createHash } from 'node:crypto';
import { readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../../shared/audit';
import type { JournalStores } from '.';
import type { ProgressStore, WindDownRunRecord } from '../windDown/progressStore';

// Data folders written before the journal kept the audit trail in audit.jsonl and wind-down progress in
// closeout-runs/*.json. Both are carried into the journal once, in one transaction with a marker so two processes
// starting together cannot import twice, and the old files are renamed, not deleted: the old file stays as evidence.

const LEGACY_AUDIT = 'audit.jsonl';
const LEGACY_RUNS = 'closeout-runs';
const IMPORTED_MARK = 'legacy_imported';

interface LegacyRecord extends AuditEntry {
  type: 'record';
  seq: number;
  time: string;
  user: string;
  hash: string;
}

async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function legacyRecords(text: string): { records: LegacyRecord[]; unreadable: number } {
  const records: LegacyRecord[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as { type?: string; actionId?: unknown };
      // Recovery records only accounted for crash fragments in the old file's own chain: nothing to carry over.
      if (value.type === 'record' && typeof value.actionId === 'string') records.push(value as LegacyRecord);
      else if (value.type !== 'recovery') unreadable += 1;
    } catch {
      unreadable += 1;
    }
  }
  return { records, unreadable };
}

/** Carries a pre-journal audit.jsonl and closeout-runs/ into the journal, once; returns how many audit records came. */
export async function importLegacyFiles(stores: JournalStores, progress: ProgressStore): Promise<number> {
  const { journal, audit } = stores;
  const auditFile = path.join(journal.dataDir, LEGACY_AUDIT);
  const text = await readIfThere(auditFile);
  const runFiles = (await readdir(path.join(journal.dataDir, LEGACY_RUNS)).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
  if (text === null && runFiles.length === 0) return 0;
  await audit.ready();

  const { records, unreadable } = legacyRecords(text ?? '');
  const imported = journal.write(() => {
    const mark = journal.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(IMPORTED_MARK);
    if (mark) return false;
    if (text !== null) {
      const digest = createHash('sha256').update(text).digest('hex');
      const skipped = unreadable > 0 ? `; ${unreadable} line(s) that were not whole records (crash fragments) were left out` : '';
      audit.appendInTransaction({
        actionId: `legacy-import-${digest.slice(0, 16)}`,
        phase: 'outcome',
        action: 'audit_import',
        connection: null,
        broker: null,
        accountId: null,
        params: { file: LEGACY_AUDIT, sha256: digest, records: records.length },
        requestId: null,
        outcome: 'done',
        errorCode: null,
        message: `Imported ${records.length} record(s) from ${LEGACY_AUDIT} (sha256 ${digest}), kept as ${LEGACY_AUDIT}.imported${skipped}.`,
      });
      for (const record of records) {
        const { type: _type, seq, time, user, hash, prevHash: _prev, ...entry } = record as LegacyRecord & { prevHash?: string };
        audit.appendInTransaction({ ...entry, params: { ...entry.params, imported: { seq, time, user, hash } } });
      }
    }
    journal.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(IMPORTED_MARK, new Date().toISOString());
    return true;
  }, 'The old audit file was left as it was.');
  if (!imported) return 0;

  for (const name of runFiles) {
    try {
      // save() checks the record against the run schema, so an old file that does not fit is refused there.
      await progress.save(JSON.parse(await readFile(path.join(journal.dataDir, LEGACY_RUNS, name), 'utf8')) as WindDownRunRecord);
    } catch {
      // A damaged progress file stays where it is, renamed with the rest; that run starts afresh.
    }
  }
  if (text !== null) await rename(auditFile, `${auditFile}.imported`);
  if (runFiles.length > 0) await rename(path.join(journal.dataDir, LEGACY_RUNS), path.join(journal.dataDir, `${LEGACY_RUNS}.imported`));
  return records.length;
}
