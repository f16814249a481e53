import type { BrokerKind } from '../../shared/brokers';
import type { Account } from '../../shared/domain';

interface StatusRule {
  statuses: readonly string[];
  /** What the broker's reference says, in a person's words. */
  documented: string;
}

/**
 * The account statuses each broker documents that it closes. Alpaca's reference: "This operation closes an active
 * account." A broker without an account-close API has no rule: the capability already says why not.
 */
const CLOSEABLE_STATUSES: Partial<Record<BrokerKind, StatusRule>> = {
  alpaca: { statuses: ['ACTIVE'], documented: 'Alpaca closes only an ACTIVE account' },
};

/**
 * Why the broker will not close this account in its present status, or null when the status is one it accepts. Used
 * by the close-account preflight and the wind-down preflight alike, before anything is sent.
 */
export function accountStatusBlocker(broker: BrokerKind, account: Account): string | null {
  const rule = CLOSEABLE_STATUSES[broker];
  if (rule === undefined || rule.statuses.includes(account.status.toUpperCase())) return null;
  if (account.statusTone === 'closed') return `Account ${account.number} is already closed (${account.status}).`;
  return `Account ${account.number} is ${account.status}: ${rule.documented}, so it cannot be closed in this status.`;
}
