import { stampedCsvFileName } from './auditCsv';

export function closeoutReportFileName(at: Date): string {
  return stampedCsvFileName('closeout-report', at);
}
