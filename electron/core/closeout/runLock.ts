import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { acquireProcessLock, describeHolder, type ProcessLock } from '../processLock';

// Without this lock the app and a `closeout` command could run the same closeout run id at once and send every close
// twice.

export type RunLock = ProcessLock;

export function runLockPath(dataDir: string, runId: string): string {
  return path.join(dataDir, 'closeout-runs', `${runId}.lock`);
}

/** Takes the run's lock or throws 'in_flight' naming who holds it; nothing is sent either way. */
export function acquireRunLock(dataDir: string, runId: string): Promise<RunLock> {
  return acquireProcessLock(
    runLockPath(dataDir, runId),
    (holder, file) =>
      new AppError({
        code: 'in_flight',
        field: 'runId',
        outcome: 'not_sent',
        message:
          `Closeout run ${runId} is already running (${describeHolder(holder)}); nothing was sent. ` +
          `Wait for it to finish, or if that process is gone, delete ${file} and run again.`,
      }),
  );
}
