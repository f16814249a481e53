import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createMemoryAuditKeys } from '../credentials/auditKeyStore';
import { openJournalStores } from '../journal';
import { tempJournal } from '../journal/journal.testkit';
import { createJournalProgressStore, createMemoryProgressStore, type WindDownRunRecord } from './progressStore';

const RECORD: WindDownRunRecord = {
  version: 1,
  runId: 'run-0123456789abcdef',
  connection: 'Sim',
  createdAt: '2026-01-02T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:05.000Z',
  accounts: {
    'acc-1': {
      accountId: 'acc-1', number: 'N1', name: 'Jane Doe', status: 'stopped', reason: 're-check: cash remains', errorCode: 'precondition_failed',
      steps: { close_positions: { state: 'done', message: 'Closing accepted.', requestId: 'req-1', at: '2026-01-02T10:00:01.000Z' } },
    },
  },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function journalStore() {
  const stores = await tempJournal();
  cleanups.push(stores.cleanup);
  return { stores, store: createJournalProgressStore(stores) };
}

function failureOf(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => { throw new Error('expected a failure'); },
    (error: unknown) => {
      if (error instanceof AppError) return error;
      throw error;
    },
  );
}

describe('the journal progress store', () => {
  it('writes a step as its one account, leaving the run and its other accounts as they were', async () => {
    const { stores, store } = await journalStore();
    const second = { ...RECORD.accounts['acc-1']!, accountId: 'acc-2', number: 'N2' };
    await store.save({ ...RECORD, accounts: { ...RECORD.accounts, 'acc-2': second } });
    const rows = () => stores.journal.db.prepare('SELECT account_id, record, updated_at FROM closeout_run_accounts ORDER BY account_id').all() as { record: string }[];
    const runText = () => stores.journal.db.prepare('SELECT record FROM closeout_runs').pluck().get();
    const [before, run] = [rows(), runText()];

    await store.saveAccount(RECORD.runId, { ...second, status: 'done', reason: null, errorCode: null });
    expect(runText()).toBe(run);
    expect(rows()[0]).toEqual(before[0]);
    expect(rows()[1]).not.toEqual(before[1]);
    const loaded = await store.load(RECORD.runId);
    expect(loaded?.accounts['acc-2']?.status).toBe('done');
    expect(loaded?.accounts['acc-1']).toEqual(RECORD.accounts['acc-1']);
    expect((loaded?.updatedAt ?? '') > RECORD.updatedAt).toBe(true);
  });

  it('moves the accounts of a run written by a Closeout before they had rows of their own, and resumes it as it was', async () => {
    const { stores } = await journalStore();
    const { db } = stores.journal;
    // The journal as the previous schema left it: the whole run in one record.
    db.exec('DROP TABLE closeout_run_accounts');
    db.pragma('user_version = 3');
    db.prepare('INSERT INTO closeout_runs (run_id, connection, record, updated_at) VALUES (?, ?, ?, ?)').run(RECORD.runId, 'Sim', JSON.stringify(RECORD), RECORD.updatedAt);
    db.prepare('INSERT INTO closeout_runs (run_id, connection, record, updated_at) VALUES (?, ?, ?, ?)').run('run-damaged', 'Sim', '{not json', RECORD.updatedAt);
    stores.journal.close();

    const reopened = openJournalStores(stores.dataDir, createMemoryAuditKeys());
    try {
      const store = createJournalProgressStore(reopened);
      expect(await store.load(RECORD.runId)).toEqual(RECORD);
      expect(reopened.journal.db.prepare('SELECT run_id, account_id FROM closeout_run_accounts').all()).toEqual([{ run_id: RECORD.runId, account_id: 'acc-1' }]);
      expect(JSON.parse(reopened.journal.db.prepare('SELECT record FROM closeout_runs WHERE run_id = ?').pluck().get(RECORD.runId) as string)).not.toHaveProperty('accounts');
      expect(reopened.journal.db.prepare('SELECT record FROM closeout_runs WHERE run_id = ?').pluck().get('run-damaged')).toBe('{not json');
      expect((await failureOf(store.load('run-damaged'))).message).toMatch(/^The progress of wind-down run run-damaged in the journal is damaged: it is not valid JSON\./);
    } finally {
      reopened.journal.close();
    }
  });

  it('keeps a run in the journal and reads it back as saved', async () => {
    const { store } = await journalStore();
    expect(await store.load(RECORD.runId)).toBeNull();
    await store.save(RECORD);
    expect(await store.load(RECORD.runId)).toEqual(RECORD);
    await store.save({ ...RECORD, updatedAt: '2026-01-02T10:00:09.000Z' });
    expect(await store.load(RECORD.runId)).toMatchObject({ updatedAt: '2026-01-02T10:00:09.000Z' });
  });

  it('reports a damaged record and leaves it as it is', async () => {
    const { stores, store } = await journalStore();
    stores.journal.db.prepare("INSERT INTO closeout_runs (run_id, connection, record, updated_at) VALUES ('run-x', 'Sim', '{\"version\": 1', 'now')").run();
    const error = await failureOf(store.load('run-x'));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('is damaged: it is not valid JSON');
    expect(stores.journal.db.prepare("SELECT record FROM closeout_runs WHERE run_id = 'run-x'").get()).toEqual({ record: '{"version": 1' });
  });

  it('refuses a run id that breaks the rule, naming the field', async () => {
    const { store } = await journalStore();
    expect((await failureOf(store.load('../connections'))).field).toBe('runId');
    expect((await failureOf(store.save({ ...RECORD, runId: '.hidden' }))).field).toBe('runId');
  });

  it('lets one holder run an id at a time, and the next once it is released', async () => {
    const { stores, store } = await journalStore();
    const held = await store.lock('run-a');
    expect(await failureOf(createJournalProgressStore(stores).lock('run-a'))).toMatchObject({ code: 'in_flight', field: 'runId' });
    await held.release();
    await (await store.lock('run-a')).release();
  });
});

describe('the memory progress store', () => {
  it('hands out copies, so a caller changing a record changes nothing stored', async () => {
    const store = createMemoryProgressStore();
    await store.save(RECORD);
    const loaded = await store.load(RECORD.runId);
    if (loaded) loaded.accounts = {};
    expect(await store.load(RECORD.runId)).toEqual(RECORD);
  });
});
