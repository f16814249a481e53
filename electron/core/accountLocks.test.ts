import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { accountLockPath, createAccountFileLocks } from './accountLocks';

let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function dataDir(): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-accountlocks-'));
  return dir;
}

const exists = (file: string) => access(file).then(() => true, () => false);

describe('account locks across processes', () => {
  it('lets this process act on an account several times at once, and frees it when the last action ends', async () => {
    const root = await dataDir();
    const locks = createAccountFileLocks(root);
    const file = accountLockPath(root, 'Alpaca', 'acct-1');
    const first = await locks.acquire('Alpaca', 'acct-1');
    const second = await locks.acquire('ALPACA', 'acct-1');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await first();
    expect(await exists(file)).toBe(true);
    await second();
    await second();
    expect(await exists(file)).toBe(false);
  });

  it('refuses an account another Closeout process is acting on, naming it, and leaves other accounts free', async () => {
    const root = await dataDir();
    const file = accountLockPath(root, 'Alpaca', 'acct-1');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const locks = createAccountFileLocks(root);
    const error = await locks.acquire('alpaca', 'acct-1').then(() => null, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'in_flight', outcome: 'not_sent' });
    expect((error as AppError).message).toBe(
      `Refused: account acct-1 at alpaca has an action in flight in another Closeout (process ${process.ppid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z); nothing was sent. ` +
        `Wait for it to end, or if that process is gone, delete ${file}.`,
    );
    const other = await locks.acquire('Alpaca', 'acct-2');
    await other();
  });

  it('never refuses itself nor leaves a lock behind, however takes and releases interleave', async () => {
    const root = await dataDir();
    const locks = createAccountFileLocks(root);
    await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const release = await locks.acquire('Alpaca', `acct-${index % 3}`);
        await new Promise((resolve) => setTimeout(resolve, index % 5));
        await release();
      }),
    );
    for (const index of [0, 1, 2]) expect(await exists(accountLockPath(root, 'Alpaca', `acct-${index}`))).toBe(false);
  });
});
