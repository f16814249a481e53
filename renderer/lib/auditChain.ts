import { formatAuditHead, type AuditVerification } from '../../shared/audit';
import { plural } from './format';

/** The one line that says whether the audit trail's hash chain holds, and where it breaks when it does not. */
export function chainHeadline(result: AuditVerification): string {
  if (result.ok) return `Audit chain verified: ${result.records} ${plural(result.records, 'record')}`;
  if (result.firstBad) return `Audit chain broken at record ${result.firstBad.seq}: ${result.firstBad.reason}`;
  return 'Audit chain broken: the journal did not say where.';
}

/** What else a reader should know: the head to note down, and what the check could not cover. */
export function chainNotes(result: AuditVerification): string[] {
  const notes: string[] = [];
  if (result.ok && result.head) notes.push(`Newest record: ${formatAuditHead(result.head)} (note it to catch a later rewrite up to it).`);
  if (!result.macsChecked) notes.push("The records' keychain signatures were not checked.");
  return notes;
}
