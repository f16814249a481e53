import { STEP_LABELS, type WindDownRunStatus, type WindDownRunSummary } from '../../../shared/windDown';
import type { WindDownRunRecord } from './progressStore';

/**
 * A run as the app lists it. Running is what this process is running now; a record still marked running that nobody
 * runs stopped in the middle (a crash, a killed command), and is listed as parked: resuming it goes on from there.
 */
export function runSummary(record: WindDownRunRecord, runningHere: boolean): WindDownRunSummary {
  const accounts = Object.values(record.accounts);
  const parked = accounts.filter((account) => account.status === 'parked' || account.status === 'running');
  const stored: WindDownRunStatus = record.status ?? (parked.length > 0 ? 'parked' : 'finished');
  const status: WindDownRunStatus = runningHere ? 'running' : stored === 'running' ? 'parked' : stored;
  return {
    runId: record.runId,
    connection: record.connection,
    status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    accountCount: record.refs?.length ?? accounts.length,
    waitingFor: parked.map((account) => {
      const step = Object.entries(account.steps).find(([, saved]) => saved?.state === 'waiting' || saved?.state === 'running');
      const where = step ? STEP_LABELS[step[0] as keyof typeof STEP_LABELS] : 'the next step';
      return `${account.number} (${account.name}): ${account.reason ?? `stopped at ${where}`}`;
    }),
    report: record.report ?? null,
  };
}
