import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile } from './boundedRead';

const LIMIT = { maxBytes: 5 * 1024 * 1024, what: 'an account list' };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-read-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a regular file, also through a link to one', async () => {
    const file = path.join(dir, 'accounts.csv');
    await writeFile(file, 'account\nN1\n');
    await symlink(file, path.join(dir, 'link.csv'));
    expect(await readRegularFile(file, LIMIT)).toBe('account\nN1\n');
    expect(await readRegularFile(path.join(dir, 'link.csv'), LIMIT)).toBe('account\nN1\n');
  });

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo, LIMIT)).rejects.toThrow('it is a named pipe, not a regular file');
  }, 2_000);

  it('refuses a folder and a device that never ends', async () => {
    await mkdir(path.join(dir, 'folder'));
    await expect(readRegularFile(path.join(dir, 'folder'), LIMIT)).rejects.toThrow('it is a folder, not a regular file');
    await expect(readRegularFile('/dev/zero', LIMIT)).rejects.toThrow('it is a device, not a regular file');
  }, 2_000);

  it('refuses a file over the cap by its size, naming the cap, without reading it', async () => {
    const file = path.join(dir, 'huge.csv');
    await writeFile(file, '');
    await truncate(file, LIMIT.maxBytes + 1);
    await expect(readRegularFile(file, LIMIT)).rejects.toThrow(`it is ${LIMIT.maxBytes + 1} bytes, more than the 5 MB an account list may be`);
  });

  it.runIf(process.platform === 'linux')('stops one byte past the cap when a file says it is smaller than it is', async () => {
    // procfs files report a size of 0 whatever they hold.
    await expect(readRegularFile('/proc/self/status', { maxBytes: 16, what: 'an account list' })).rejects.toThrow(
      'it holds more than the 16 bytes an account list may be',
    );
  });
});
