import type { AuditVerification } from '../../shared/audit';
import { plural } from './format';

/** The one line that says whether the audit trail's hash chain holds, and where it breaks when it does not. */
export function chainHeadline(result: AuditVerification): string {
  if (result.ok) return `Audit chain verified: ${result.records} ${plural(result.records, 'record')}`;
  if (result.firstBad) return `Audit chain broken at line ${result.firstBad.line}: ${result.firstBad.reason}`;
  return 'Audit chain broken: the log did not say where.';
}

/** What else a reader should know: crash leftovers the chain accounts for, which are not tampering. */
export function chainNotes(result: AuditVerification): string[] {
  const notes: string[] = [];
  if (result.truncatedTail) notes.push('The last line was cut short, as a crash in mid-write leaves it; it is not counted.');
  if (result.recoveredFragments > 0) {
    const count = result.recoveredFragments;
    notes.push(`${count} partial ${plural(count, 'line')} from earlier crashes ${plural(count, 'is', 'are')} accounted for by recovery records.`);
  }
  return notes;
}
