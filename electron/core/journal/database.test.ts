import { describe, expect, it } from 'vitest';
import { storageReason } from './database';

describe('why the journal could not be written, in plain words', () => {
  it('says the disk is full for every way SQLite reports it, including a shared-memory file that could not grow', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'SQLITE_IOERR_SHMSIZE']) expect(storageReason({ code })).toBe('the disk is full');
  });

  it('names the code of any other refused write', () => {
    expect(storageReason({ code: 'SQLITE_IOERR_WRITE' })).toBe('the disk refused the write (SQLITE_IOERR_WRITE)');
  });
});
