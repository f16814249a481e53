import type { CloseoutAccountReport, CloseoutReport } from '../../../shared/closeout';

export function summarize(accounts: readonly CloseoutAccountReport[]): CloseoutReport['summary'] {
  return {
    done: accounts.filter((account) => account.status === 'done').length,
    stopped: accounts.filter((account) => account.status === 'stopped').length,
    skipped: accounts.filter((account) => account.status === 'skipped').length,
    unknown: accounts.filter((account) => account.unknown).length,
  };
}

export function reportToJson(report: CloseoutReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
