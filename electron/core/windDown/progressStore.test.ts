import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
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
