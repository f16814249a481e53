// The audit trail's records, shared so the Activity view and the command read the same shape the journal writes.

/** What a caller records; the journal adds sequence, time, OS user and the hash chain. Never a secret. */
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
  /** Kept from the account list when the action happened; records written before they were kept lack them. */
  accountNumber?: string;
  accountName?: string;
  /** The position's or order's symbol, for actions on one. */
  symbol?: string;
}

export type AuditSubject = Pick<AuditEntry, 'accountNumber' | 'accountName' | 'symbol'>;

export interface AuditRecord extends AuditEntry {
  type: 'record';
  seq: number;
  time: string;
  user: string;
  prevHash: string;
  hash: string;
}

/** The newest record's place in the chain: noted somewhere else, it lets a later check catch a rewrite up to it. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Records that chain correctly from the first one, up to the first bad one. */
  records: number;
  head: AuditHead | null;
  firstBad?: { seq: number; reason: string };
  /** Each record's HMAC was checked with the key kept in the OS keychain; without it a rewrite could go unnoticed. */
  macsChecked: boolean;
  /** The head given to --expect-head (or the app) was found in the chain with the same hash. */
  expectedHead?: AuditHead;
}

export const GENESIS_HASH = '0'.repeat(64);

/** "SEQ:HASH", as `closeout audit --head` prints it and `--expect-head` takes it. */
export function formatAuditHead(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

/** The head written as SEQ:HASH, or null when the text is not one. */
export function parseAuditHead(text: string): AuditHead | null {
  const match = /^([1-9]\d{0,15}):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2] as string } : null;
}
