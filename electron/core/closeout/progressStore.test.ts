import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createFileProgressStore, createMemoryProgressStore, progressFilePath, type CloseoutRunRecord } from './progressStore';

const RECORD: CloseoutRunRecord = {
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

let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function dataDir(): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-progress-'));
  return dir;
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

describe('the file progress store', () => {
  it('keeps a run under closeout-runs in the data folder and reads it back as saved, leaving no temp file', async () => {
    const root = await dataDir();
    const store = createFileProgressStore(root);
    expect(await store.load(RECORD.runId)).toBeNull();
    await store.save(RECORD);
    expect(await store.load(RECORD.runId)).toEqual(RECORD);
    expect(progressFilePath(root, RECORD.runId)).toBe(path.join(root, 'closeout-runs', `${RECORD.runId}.json`));
    expect(await readdir(path.join(root, 'closeout-runs'))).toEqual([`${RECORD.runId}.json`]);
  });

  it('reports a damaged file and leaves it as it is', async () => {
    const root = await dataDir();
    await mkdir(path.join(root, 'closeout-runs'));
    const file = progressFilePath(root, 'run-x');
    await writeFile(file, '{"version": 1, "runId": "run-x"');
    const error = await failureOf(createFileProgressStore(root).load('run-x'));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('is damaged: it is not valid JSON');
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "runId": "run-x"');
  });

  it('refuses a run id that could leave the folder', async () => {
    const store = createFileProgressStore(await dataDir());
    expect((await failureOf(store.load('../connections'))).field).toBe('runId');
    expect((await failureOf(store.save({ ...RECORD, runId: '.hidden' }))).field).toBe('runId');
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
