import { stampedCsvFileName } from './auditCsv';

export function windDownReportFileName(at: Date): string {
  return stampedCsvFileName('wind-down-report', at);
}
