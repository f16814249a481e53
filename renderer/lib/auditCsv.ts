import type { AuditRecord } from '../../shared/audit';
import { toCsv, type CsvColumn } from '../../shared/csv';
import { paramsInWords } from './auditWords';

/** The columns Activity shows, in its words, then what identifies the record, so an export holds what was on screen. */
export const AUDIT_CSV_COLUMNS: readonly CsvColumn<AuditRecord>[] = [
  { header: 'time', value: (r) => r.time },
  { header: 'user', value: (r) => r.user },
  { header: 'connection', value: (r) => r.connection },
  { header: 'broker', value: (r) => r.broker },
  { header: 'account number', value: (r) => r.accountNumber ?? null },
  { header: 'holder name', value: (r) => r.accountName ?? null },
  { header: 'account id', value: (r) => r.accountId },
  { header: 'symbol', value: (r) => r.symbol ?? null },
  { header: 'action', value: (r) => r.action },
  { header: 'phase', value: (r) => r.phase },
  { header: 'parameters', value: (r) => paramsInWords(r) },
  { header: 'request id', value: (r) => r.requestId },
  { header: 'outcome', value: (r) => r.outcome },
  { header: 'error code', value: (r) => r.errorCode },
  { header: 'message', value: (r) => r.message },
  { header: 'action id', value: (r) => r.actionId },
  { header: 'sequence', value: (r) => String(r.seq) },
];

export function auditCsv(records: readonly AuditRecord[]): string {
  return toCsv(AUDIT_CSV_COLUMNS, records);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "<prefix>-20240501-140322.csv", in local time, so two exports never share a name within a second. */
export function stampedCsvFileName(prefix: string, at: Date): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${prefix}-${date}-${time}.csv`;
}

export function auditCsvFileName(at: Date): string {
  return stampedCsvFileName('closeout-audit', at);
}
