import { dec } from '../../shared/decimal';
import type { Account, AccountBalances, AccountCloseCheck, Order, Position } from '../../shared/domain';
import { formatAmount } from '../../shared/numberFormat';

const NAMED_LIMIT = 10;

/**
 * The broker documents no refusal for closing an account that still holds positions, orders or cash, so the
 * preconditions are ours to enforce: every blocker is named, once, so support staff know what to clear first.
 * `statusRule` is why the broker will not close an account in its present status (accountStatusRule.ts); it says
 * "already closed" itself where the broker has such a rule, and stands for it.
 */
export function buildAccountCloseCheck(
  account: Account,
  balances: AccountBalances,
  positions: Position[],
  orders: Order[],
  statusRule: string | null = null,
): AccountCloseCheck {
  const openOrders = orders.filter((order) => order.open);
  const statusBlocker = statusRule ?? (account.statusTone === 'closed' ? `Account ${account.number} is already closed (${account.status}).` : null);
  const blockers: string[] = [];
  if (statusBlocker !== null) blockers.push(statusBlocker);
  if (positions.length > 0) {
    blockers.push(`${count(positions.length, 'open position')} ${remain(positions.length)}: ${named(positions.map((p) => `${p.symbol} ${p.side} ${p.quantity}`))}.`);
  }
  if (openOrders.length > 0) {
    blockers.push(`${count(openOrders.length, 'open order')} ${remain(openOrders.length)}: ${named(openOrders.map((o) => `${o.symbol} ${o.side} ${o.quantity ?? ''}`.trim()))}.`);
  }
  if (balances.cash !== null && !dec(balances.cash).isZero()) {
    blockers.push(`Cash of ${formatAmount(balances.cash, balances.currency)} must be withdrawn first.`);
  }
  return { account, balances, positions, openOrders, blockers, statusBlocker };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function remain(n: number): string {
  return n === 1 ? 'remains' : 'remain';
}

function named(items: string[]): string {
  const shown = items.slice(0, NAMED_LIMIT).join(', ');
  return items.length > NAMED_LIMIT ? `${shown} and ${items.length - NAMED_LIMIT} more` : shown;
}
