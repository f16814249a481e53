import type { AuditRecord } from '../../shared/audit';

export const AUDIT_ACTIONS = ['close_position', 'close_all', 'cancel_order', 'close_account', 'sweep_cash', 'connection_add', 'connection_remove', 'connection_rotate', 'connection_edit'] as const;
export const AUDIT_OUTCOMES = ['accepted', 'filled', 'rejected', 'unknown', 'not_sent', 'failed', 'done'] as const;

export interface AuditFilters {
  /** Part of an account id, any case; blank matches every record. */
  account: string;
  /** One of AUDIT_ACTIONS, or '' for any. */
  action: string;
  /** One of AUDIT_OUTCOMES, or '' for any. */
  outcome: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { account: '', action: '', outcome: '' };

/** The audit:list request for the filters the main process applies: action and outcome, exactly. */
export function auditListRequest(filters: Pick<AuditFilters, 'action' | 'outcome'>, limit: number): { action?: string; outcome?: string; limit: number } {
  return { ...(filters.action ? { action: filters.action } : {}), ...(filters.outcome ? { outcome: filters.outcome } : {}), limit };
}

/**
 * The account filter runs here, as a substring: people type part of an id, and the main process matches only whole
 * ones. Records without an account (connection changes) drop out once an account is typed.
 */
export function filterByAccount(records: readonly AuditRecord[], account: string): readonly AuditRecord[] {
  const needle = account.trim().toLowerCase();
  if (needle === '') return records;
  return records.filter((record) => record.accountId !== null && record.accountId.toLowerCase().includes(needle));
}
