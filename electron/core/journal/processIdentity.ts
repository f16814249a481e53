import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

// Which Closeout process owns a lease or an intent, and whether it still runs. A pid alone is not enough: pids are
// reused, so on Linux the kernel's start time of the process is kept beside it and must match too. Each open journal
// is its own holder with its own token: a core that is closed (or a process that died) holds nothing any more, and a
// test can stop one core and start the next in the same process as a crash and a restart would.

export interface ProcessRecord {
  token: string;
  pid: number;
  host: string;
  /** The kernel's start time of the process (Linux), or null where the platform does not tell. */
  startId: string | null;
  startedAt: string;
  heartbeatAt: string;
}

/** How long a process on another machine may stay silent before its leases and intents count as abandoned. */
export const REMOTE_SILENCE_MS = 60_000;
/** Where the start time cannot be read, a live pid must also have beaten its heart this recently. */
const LOCAL_SILENCE_MS = 5 * 60_000;

/** The start time of a process as /proc gives it (field 22 of stat, after the parenthesised name), or null. */
export function processStartId(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let current: Omit<ProcessRecord, 'heartbeatAt' | 'token'> | null = null;
/** The tokens of the journals this process has open. */
const openHolders = new Set<string>();

function thisProcess(): Omit<ProcessRecord, 'heartbeatAt' | 'token'> {
  current ??= { pid: process.pid, host: os.hostname(), startId: processStartId(process.pid), startedAt: new Date().toISOString() };
  return current;
}

/** A new holder in this process, live until `endHolder`. */
export function startHolder(): Omit<ProcessRecord, 'heartbeatAt'> {
  const holder = { ...thisProcess(), token: randomUUID() };
  openHolders.add(holder.token);
  return holder;
}

export function endHolder(token: string): void {
  openHolders.delete(token);
}

/** Whether the holder a record names still runs, as far as this machine can tell. */
export function isRunning(record: ProcessRecord, now = Date.now()): boolean {
  const me = thisProcess();
  if (record.pid === me.pid && record.host === me.host && record.startId === me.startId) return openHolders.has(record.token);
  const silentFor = now - Date.parse(record.heartbeatAt);
  if (record.host !== me.host) return silentFor < REMOTE_SILENCE_MS;
  if (!pidExists(record.pid)) return false;
  if (record.startId !== null) {
    const startId = processStartId(record.pid);
    if (startId !== null) return startId === record.startId;
  }
  return silentFor < LOCAL_SILENCE_MS;
}

/** "process 4242 on desk-7, since 2026-01-01T00:00:00.000Z" */
export function describeProcess(record: Pick<ProcessRecord, 'pid' | 'host' | 'startedAt'>): string {
  return `process ${record.pid} on ${record.host}, since ${record.startedAt}`;
}
