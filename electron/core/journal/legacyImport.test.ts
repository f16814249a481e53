import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJournalProgressStore } from '../windDown/progressStore';
import { tempJournal } from './journal.testkit';
import { importLegacyFiles } from './legacyImport';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

// Lines as the file-based audit log wrote them (type, seq, time, user, the entry, prevHash, hash).
function oldLine(seq: number, actionId: string, phase: 'attempt' | 'outcome'): string {
  return JSON.stringify({
    type: 'record', seq, time: `2026-06-01T09:4${seq}:00.000Z`, user: 'trader', actionId, phase, action: 'close_position', connection: 'Desk',
    broker: 'alpaca', accountId: 'A1', params: { positionId: 'AAPL' }, requestId: null, outcome: phase === 'outcome' ? 'accepted' : null,
    errorCode: null, message: null, prevHash: String(seq - 1).repeat(64).slice(0, 64), hash: String(seq).repeat(64).slice(0, 64),
  });
}

const RUN = {
  version: 1, runId: 'run-old', connection: 'Desk', createdAt: '2026-06-01T09:00:00.000Z', updatedAt: '2026-06-01T09:05:00.000Z',
  accounts: { A1: { accountId: 'A1', number: 'N1', name: 'Ada', status: 'stopped', reason: 'cash remains', errorCode: 'precondition_failed', steps: {} } },
};

async function oldDataFolder() {
  const stores = await tempJournal();
  cleanups.push(stores.cleanup);
  const text = `${oldLine(1, 'x', 'attempt')}\n${oldLine(2, 'x', 'outcome')}\n{"type":"reco`;
  await writeFile(path.join(stores.dataDir, 'audit.jsonl'), text);
  await mkdir(path.join(stores.dataDir, 'closeout-runs'));
  await writeFile(path.join(stores.dataDir, 'closeout-runs', 'run-old.json'), JSON.stringify(RUN));
  return { stores, progress: createJournalProgressStore(stores), text };
}

describe('a data folder from before the journal', () => {
  it('has its audit records and wind-down runs carried into the journal once, the old files kept under a new name', async () => {
    const { stores, progress, text } = await oldDataFolder();
    expect(await importLegacyFiles(stores, progress)).toBe(2);

    const records = await stores.audit.read();
    expect(records.map((record) => [record.action, record.phase])).toEqual([['audit_import', 'outcome'], ['close_position', 'attempt'], ['close_position', 'outcome']]);
    expect(records[0]?.message).toMatch(/^Imported 2 record\(s\) from audit\.jsonl \(sha256 [0-9a-f]{64}\), kept as audit\.jsonl\.imported; 1 line\(s\) that were not whole records/);
    expect(records[1]?.params).toMatchObject({ positionId: 'AAPL', imported: { seq: 1, time: '2026-06-01T09:41:00.000Z', user: 'trader' } });
    expect(await stores.audit.verify()).toMatchObject({ ok: true, records: 3 });
    expect(await progress.load('run-old')).toEqual(RUN);
    expect(await readFile(path.join(stores.dataDir, 'audit.jsonl.imported'), 'utf8')).toBe(text);
    await access(path.join(stores.dataDir, 'closeout-runs.imported', 'run-old.json'));

    await writeFile(path.join(stores.dataDir, 'audit.jsonl'), `${oldLine(1, 'y', 'attempt')}\n`);
    expect(await importLegacyFiles(stores, progress)).toBe(0);
    expect(await stores.audit.read()).toHaveLength(3);
  });

  it('leaves a folder without old files as it is', async () => {
    const stores = await tempJournal();
    cleanups.push(stores.cleanup);
    expect(await importLegacyFiles(stores, createJournalProgressStore(stores))).toBe(0);
    expect(await stores.audit.read()).toEqual([]);
  });
});
