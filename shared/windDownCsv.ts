import { WIND_DOWN_STEPS, type WindDownAccountReport, type WindDownReport } from './windDown';
import { toCsv, type CsvColumn } from './csv';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A step as "state: message", or empty when the report does not list it. */
function stepCell(account: WindDownAccountReport, step: (typeof WIND_DOWN_STEPS)[number]): string {
  const found = account.steps.find((candidate) => candidate.step === step);
  return found ? `${found.state}: ${found.message}` : '';
}

/** The columns of a closeout report, the same from the app and from `closeout wind-down --report`. */
export const WIND_DOWN_CSV_COLUMNS: readonly CsvColumn<WindDownAccountReport>[] = [
  { header: 'ref', value: (a) => a.ref },
  { header: 'account_id', value: (a) => a.accountId },
  { header: 'account_number', value: (a) => a.number },
  { header: 'name', value: (a) => a.name },
  { header: 'status', value: (a) => a.status },
  { header: 'closed', value: (a) => yesNo(a.closed) },
  { header: 'outcome_unknown', value: (a) => yesNo(a.unknown) },
  { header: 'reason', value: (a) => a.reason ?? null },
  ...WIND_DOWN_STEPS.map((step): CsvColumn<WindDownAccountReport> => ({ header: step, value: (a) => stepCell(a, step) })),
  { header: 'request_ids', value: (a) => a.steps.flatMap((step) => (step.requestId ? [step.requestId] : [])).join(' ') },
];

/** One line per account, RFC 4180, formula-like cells kept as text. */
export function windDownReportCsv(report: WindDownReport): string {
  return toCsv(WIND_DOWN_CSV_COLUMNS, report.accounts);
}
