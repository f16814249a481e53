import type { AuditRecord } from '../../shared/audit';

export interface AuditDetails {
  attempt: AuditRecord | null;
  /** The broker's answer (or the refusal), the first outcome written. */
  outcome: AuditRecord | null;
  /** How an unknown or interrupted outcome was settled by reading the account again: the last of later outcomes. */
  verdict: AuditRecord | null;
}

/** The records of one action, from those loaded: its attempt, its outcome and the verdict that settled it. */
export function auditDetails(records: readonly AuditRecord[], actionId: string): AuditDetails {
  const mine = records.filter((record) => record.actionId === actionId).sort((a, b) => a.seq - b.seq);
  const outcomes = mine.filter((record) => record.phase === 'outcome');
  return {
    attempt: mine.find((record) => record.phase === 'attempt') ?? null,
    outcome: outcomes[0] ?? null,
    verdict: outcomes.length > 1 ? (outcomes.at(-1) ?? null) : null,
  };
}
