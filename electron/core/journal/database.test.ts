import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE_NAME, openDatabase, storageReason } from './database';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function root(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-db-'));
  roots.push(dir);
  return dir;
}

describe('the journal database', () => {
  it('creates the data folder readable by its owner only, and the journal file the same', async () => {
    const dataDir = path.join(await root(), 'Closeout');
    openDatabase(dataDir).close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dataDir, JOURNAL_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('says that nothing was sent when the data folder cannot hold the journal', async () => {
    const dataDir = path.join(await root(), 'not-a-folder');
    await writeFile(dataDir, 'a file where the data folder should be');
    expect(() => openDatabase(dataDir)).toThrow(
      expect.objectContaining({ code: 'storage_unavailable', outcome: 'not_sent', message: expect.stringMatching(/^Closeout could not write its journal .+: .+\. Nothing was sent\.$/) }),
    );
  });
});

describe('why the journal could not be written, in plain words', () => {
  it('says the disk is full for every way SQLite reports it, including a shared-memory file that could not grow', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'SQLITE_IOERR_SHMSIZE']) expect(storageReason({ code })).toBe('the disk is full');
  });

  it('names the code of any other refused write', () => {
    expect(storageReason({ code: 'SQLITE_IOERR_WRITE' })).toBe('the disk refused the write (SQLITE_IOERR_WRITE)');
  });
});
