import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { acquireProcessLock, describeHolder, type ProcessLock } from './processLock';

/**
 * Destructive actions on one account, held against other Closeout processes sharing the data folder (the app and
 * `closeout` commands): one process at a time acts on an account. Within a process the finer in-flight locks decide,
 * so the app may still close two positions of one account at once; the lock is re-entrant for that.
 */
export interface AccountLocks {
  /** Resolves once this process holds the account; throws 'in_flight' naming the other holder otherwise. */
  acquire(connection: string, accountId: string): Promise<() => Promise<void>>;
}

/** Connection names match ignoring case, as everywhere in Closeout; the hash keeps any account id a safe file name. */
export function accountLockPath(dataDir: string, connection: string, accountId: string): string {
  const key = createHash('sha256').update(`${connection.toLowerCase()}\u0000${accountId}`).digest('hex').slice(0, 32);
  return path.join(path.resolve(dataDir), 'locks', `account-${key}.lock`);
}

// Held per process, not per core: the lock keeps other processes out, and every core in this process (tests start a
// second one on the same folder) is the same holder to them.
const held = new Map<string, { count: number; lock: ProcessLock }>();
// Takes and releases of one file run one after another, so a release that is removing the file never races a take.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(file: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(file) ?? Promise.resolve()).then(work);
  const done = next.catch(() => undefined);
  queues.set(file, done);
  void done.then(() => {
    if (queues.get(file) === done) queues.delete(file);
  });
  return next;
}

export function createAccountFileLocks(dataDir: string): AccountLocks {
  return {
    async acquire(connection, accountId) {
      const file = accountLockPath(dataDir, connection, accountId);
      await serialized(file, async () => {
        const entry = held.get(file);
        if (entry) {
          entry.count += 1;
          return;
        }
        const lock = await acquireProcessLock(
          file,
          (holder, lockFile) =>
            new AppError({
              code: 'in_flight',
              outcome: 'not_sent',
              retryable: false,
              message:
                `Refused: account ${accountId} at ${connection} has an action in flight in another Closeout (${describeHolder(holder)}); nothing was sent. ` +
                `Wait for it to end, or if that process is gone, delete ${lockFile}.`,
            }),
        );
        held.set(file, { count: 1, lock });
      });
      let released = false;
      return () => {
        if (released) return Promise.resolve();
        released = true;
        return serialized(file, async () => {
          const entry = held.get(file);
          if (!entry) return;
          entry.count -= 1;
          if (entry.count > 0) return;
          held.delete(file);
          await entry.lock.release();
        });
      };
    },
  };
}
