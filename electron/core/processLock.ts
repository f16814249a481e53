import { mkdir, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

// The app and the `closeout` command share one data folder. A lock between them is a file created exclusively
// (O_EXCL), so of two processes racing only one can hold it; it names its holder, and a lock left by a process that
// has died on this machine is taken over. A lock from another machine or an unreadable one is never taken over.

export interface ProcessLock {
  release(): Promise<void>;
}

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string() });
export type LockHolder = z.infer<typeof holderSchema>;

/** Builds the refusal when another process holds the lock; `holder` is null when the file could not be read. */
export type HeldElsewhere = (holder: LockHolder | null, file: string) => AppError;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "process 4242 on desk-7, since 2026-01-01T00:00:00.000Z", or what to say when the lock file cannot be read. */
export function describeHolder(holder: LockHolder | null): string {
  return holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'a process that left no readable details';
}

/** Takes the lock file or throws what `heldElsewhere` builds; nothing else happens either way. */
export async function acquireProcessLock(file: string, heldElsewhere: HeldElsewhere): Promise<ProcessLock> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return createLock(file, { pid: process.pid, host: os.hostname(), since: new Date().toISOString() }, heldElsewhere, true);
}

async function createLock(file: string, me: LockHolder, heldElsewhere: HeldElsewhere, mayTakeOver: boolean): Promise<ProcessLock> {
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(me)}\n`, 'utf8');
    } finally {
      await handle.close();
    }
    return { release: () => rm(file, { force: true }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new AppError({ code: 'internal', outcome: 'not_sent', message: `Closeout could not take the lock ${file}: ${(error as Error).message}` });
    }
  }
  const holder = await readHolder(file);
  const stale = holder !== null && holder.host === me.host && holder.pid !== me.pid && !isAlive(holder.pid);
  if (!stale || !mayTakeOver) throw heldElsewhere(holder, file);
  await rm(file, { force: true });
  return createLock(file, me, heldElsewhere, false);
}
