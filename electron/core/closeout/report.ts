import { CLOSEOUT_STEPS, type CloseoutAccountReport, type CloseoutReport } from '../../../shared/closeout';

export function summarize(accounts: readonly CloseoutAccountReport[]): CloseoutReport['summary'] {
  return {
    done: accounts.filter((account) => account.status === 'done').length,
    stopped: accounts.filter((account) => account.status === 'stopped').length,
    skipped: accounts.filter((account) => account.status === 'skipped').length,
    unknown: accounts.filter((account) => account.unknown).length,
  };
}

const CSV_HEADER = ['ref', 'account_id', 'account_number', 'name', 'status', 'closed', 'outcome_unknown', 'reason', ...CLOSEOUT_STEPS, 'request_ids'];

/**
 * One line per account: its status and reason, each step as "state: message", and the broker request ids, for a
 * spreadsheet or a ticket. RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with '.
 */
export function reportToCsv(report: CloseoutReport): string {
  const lines = report.accounts.map((account) => {
    const steps = CLOSEOUT_STEPS.map((step) => {
      const found = account.steps.find((candidate) => candidate.step === step);
      return found ? `${found.state}: ${found.message}` : '';
    });
    const requestIds = account.steps.flatMap((step) => (step.requestId ? [step.requestId] : [])).join(' ');
    return [
      account.ref,
      account.accountId ?? '',
      account.number ?? '',
      account.name ?? '',
      account.status,
      account.closed ? 'yes' : 'no',
      account.unknown ? 'yes' : 'no',
      account.reason ?? '',
      ...steps,
      requestIds,
    ];
  });
  return `${[CSV_HEADER, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function reportToJson(report: CloseoutReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
