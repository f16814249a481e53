import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { acquireRunLock, runLockPath } from './runLock';

const RUN = 'run-lock-test';
let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function dataDir(): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-runlock-'));
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function leaveLock(root: string, holder: unknown): Promise<string> {
  const file = runLockPath(root, RUN);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof holder === 'string' ? holder : JSON.stringify(holder));
  return file;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the closeout run lock', () => {
  it('lets one holder at a time run an id, and the next once it is released', async () => {
    const root = await dataDir();
    const first = await acquireRunLock(root, RUN);
    const error = await refusal(acquireRunLock(root, RUN));
    expect(error.code).toBe('in_flight');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toContain(`Closeout run ${RUN} is already running (process ${process.pid} on ${os.hostname()}`);
    await first.release();
    const second = await acquireRunLock(root, RUN);
    await second.release();
  });

  it('keeps other run ids free while one is held', async () => {
    const root = await dataDir();
    const held = await acquireRunLock(root, RUN);
    const other = await acquireRunLock(root, 'another-run');
    await other.release();
    await held.release();
  });

  it('takes over a lock left by a process on this machine that has died', async () => {
    const root = await dataDir();
    const file = await leaveLock(root, { pid: deadPid(), host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    const lock = await acquireRunLock(root, RUN);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await lock.release();
  });

  it('respects a lock held by a live process, and says how to clear it if that process is gone', async () => {
    const root = await dataDir();
    const file = await leaveLock(root, { pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });
    const error = await refusal(acquireRunLock(root, RUN));
    expect(error.message).toBe(
      `Closeout run ${RUN} is already running (process ${process.ppid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z); nothing was sent. ` +
        `Wait for it to finish, or if that process is gone, delete ${file} and run again.`,
    );
  });

  it('never takes over a lock from another machine or one it cannot read', async () => {
    const root = await dataDir();
    await leaveLock(root, { pid: deadPid(), host: 'other-desk', since: '2026-01-01T00:00:00.000Z' });
    expect((await refusal(acquireRunLock(root, RUN))).message).toContain('on other-desk');
    await leaveLock(root, 'half a lock');
    expect((await refusal(acquireRunLock(root, RUN))).message).toContain('a process that left no readable details');
  });
});
