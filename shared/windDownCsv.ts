import { WIND_DOWN_STEPS, type WindDownAccountReport, type WindDownReport } from './windDown';
import { toCsv, type CsvColumn } from './csv';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A step as "state: message", or empty when the report does not list it. */
function stepCell(account: WindDownAccountReport, step: (typeof WIND_DOWN_STEPS)[number]): string {
  const found = account.steps.find((candidate) => candidate.step === step);
  return found ? `${found.state}: ${found.message}` : '';
}

const CASH_STEPS = ['settle', 'sweep_cash'] as const;
const FIRST_STEPS = WIND_DOWN_STEPS.filter((step) => !(CASH_STEPS as readonly string[]).includes(step));

function stepColumn(step: (typeof WIND_DOWN_STEPS)[number]): CsvColumn<WindDownAccountReport> {
  return { header: step, value: (a) => stepCell(a, step) };
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
  ...FIRST_STEPS.map(stepColumn),
  { header: 'request_ids', value: (a) => a.steps.flatMap((step) => (step.requestId ? [step.requestId] : [])).join(' ') },
  // The cash steps came later: their columns go last, so a script that reads the report by position reads as before.
  ...CASH_STEPS.map(stepColumn),
];

/** One line per account, RFC 4180, formula-like cells kept as text. */
export function windDownReportCsv(report: WindDownReport): string {
  return toCsv(WIND_DOWN_CSV_COLUMNS, report.accounts);
}
