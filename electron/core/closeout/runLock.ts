import { mkdir, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

// The app and the `closeout` command share one data folder: without a lock both could run the same closeout run id at
// once and send every close twice. The lock is a file created exclusively (O_EXCL), so of two processes racing only
// one can hold it; a lock left by a process that has died on this machine is taken over.

export interface RunLock {
  release(): Promise<void>;
}

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string() });
type Holder = z.infer<typeof holderSchema>;

export function runLockPath(dataDir: string, runId: string): string {
  return path.join(dataDir, 'closeout-runs', `${runId}.lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function heldElsewhere(runId: string, file: string, holder: Holder | null): AppError {
  const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'a process that left no readable details';
  return new AppError({
    code: 'in_flight',
    field: 'runId',
    outcome: 'not_sent',
    message:
      `Closeout run ${runId} is already running (${who}); nothing was sent. ` +
      `Wait for it to finish, or if that process is gone, delete ${file} and run again.`,
  });
}

/** Takes the run's lock or throws 'in_flight' naming who holds it; nothing is sent either way. */
export async function acquireRunLock(dataDir: string, runId: string): Promise<RunLock> {
  const file = runLockPath(dataDir, runId);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return createLock(runId, file, { pid: process.pid, host: os.hostname(), since: new Date().toISOString() }, true);
}

async function createLock(runId: string, file: string, me: Holder, mayTakeOver: boolean): Promise<RunLock> {
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
      throw new AppError({ code: 'internal', outcome: 'not_sent', message: `Closeout could not lock run ${runId} at ${file}: ${(error as Error).message}` });
    }
  }
  const holder = await readHolder(file);
  const stale = holder !== null && holder.host === me.host && holder.pid !== me.pid && !isAlive(holder.pid);
  if (!stale || !mayTakeOver) throw heldElsewhere(runId, file, holder);
  await rm(file, { force: true });
  return createLock(runId, file, me, false);
}
