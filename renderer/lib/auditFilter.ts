import type { AuditRecord } from '../../shared/audit';

export const AUDIT_ACTIONS = ['close_position', 'close_all', 'cancel_order', 'cancel_all_orders', 'close_account', 'sweep_cash', 'connection_add', 'connection_remove', 'connection_rotate', 'connection_edit'] as const;
export const AUDIT_OUTCOMES = ['accepted', 'filled', 'rejected', 'unknown', 'not_sent', 'failed', 'done'] as const;

export interface AuditFilters {
  /** Part of an account number or holder name, any case (the id for records that predate them); blank matches all. */
  account: string;
  /** A symbol, any case, matched whole; blank matches all. */
  symbol: string;
  /** One of AUDIT_ACTIONS, or '' for any. */
  action: string;
  /** One of AUDIT_OUTCOMES, or '' for any. */
  outcome: string;
  /** First and last day to show, YYYY-MM-DD in local time, both included; '' leaves that end open. */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { account: '', symbol: '', action: '', outcome: '', from: '', to: '' };

/** The audit:list request for the filters the main process applies: action and outcome, exactly. */
export function auditListRequest(filters: Pick<AuditFilters, 'action' | 'outcome'>, limit: number): { action?: string; outcome?: string; limit: number } {
  return { ...(filters.action ? { action: filters.action } : {}), ...(filters.outcome ? { outcome: filters.outcome } : {}), limit };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of an ISO time, YYYY-MM-DD, the way the date inputs write it. */
export function localDay(iso: string): string {
  const at = new Date(iso);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The filters that run here: account (people type part of a number or a name, and the main process matches only
 * whole ids), symbol and date range. Records without an account or symbol (connection changes) drop out once one is
 * typed.
 */
export function filterAudit(records: readonly AuditRecord[], filters: Pick<AuditFilters, 'account' | 'symbol' | 'from' | 'to'>): readonly AuditRecord[] {
  const account = filters.account.trim().toLowerCase();
  const symbol = filters.symbol.trim().toUpperCase();
  const { from, to } = filters;
  if (account === '' && symbol === '' && from === '' && to === '') return records;
  return records.filter((record) => {
    if (account !== '') {
      const words = [record.accountNumber, record.accountName, record.accountNumber === undefined ? record.accountId : undefined];
      if (!words.some((word) => typeof word === 'string' && word.toLowerCase().includes(account))) return false;
    }
    if (symbol !== '' && record.symbol?.toUpperCase() !== symbol) return false;
    if (from !== '' || to !== '') {
      const day = localDay(record.time);
      if ((from !== '' && day < from) || (to !== '' && day > to)) return false;
    }
    return true;
  });
}
