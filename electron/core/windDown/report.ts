import type { WindDownAccountReport, WindDownReport } from '../../../shared/windDown';

export function summarize(accounts: readonly WindDownAccountReport[]): WindDownReport['summary'] {
  return {
    done: accounts.filter((account) => account.status === 'done').length,
    stopped: accounts.filter((account) => account.status === 'stopped').length,
    skipped: accounts.filter((account) => account.status === 'skipped').length,
    parked: accounts.filter((account) => account.status === 'parked').length,
    unknown: accounts.filter((account) => account.unknown).length,
  };
}

export function reportToJson(report: WindDownReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
