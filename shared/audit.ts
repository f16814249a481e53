// The audit trail's records, shared so the Activity view and the command read the same shape the log writes.

/** What a caller records; the log adds sequence, time, OS user and the hash chain. Never a secret. */
export interface AuditEntry {
  actionId: string;
  phase: 'attempt' | 'outcome';
  action: string;
  connection: string | null;
  broker: string | null;
  accountId: string | null;
  params: Record<string, unknown>;
  requestId: string | null;
  outcome: string | null;
  errorCode: string | null;
  message: string | null;
}

export interface AuditRecord extends AuditEntry {
  type: 'record';
  seq: number;
  time: string;
  user: string;
  prevHash: string;
  hash: string;
}

/** Written after a crash left a partial line: it chains on from the last whole record and names the fragment. */
export interface RecoveryRecord {
  type: 'recovery';
  seq: number;
  time: string;
  fragmentSha256: string;
  fragmentBytes: number;
  prevHash: string;
  hash: string;
}

export type AuditLine = AuditRecord | RecoveryRecord;

export interface AuditVerification {
  ok: boolean;
  records: number;
  firstBad?: { line: number; reason: string };
  /** A partial last line, as a crash mid-write leaves it: reported, not an error. */
  truncatedTail: boolean;
  /** Partial lines earlier in the file that a recovery record accounts for. */
  recoveredFragments: number;
}
