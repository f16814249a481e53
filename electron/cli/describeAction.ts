import { quantityToClose } from '../../shared/closeAmount';
import type { CloseAmount } from '../../shared/actions';
import type { AccountCloseCheck, ConnectionSummary, Order, Position } from '../../shared/domain';
import { printable } from './table';

// The sentences shown before a destructive request: exactly what will be sent, where, and to whom.

export function describeClose(position: Position, amount: CloseAmount, accountNumber: string, connection: string): string {
  const open = `${position.quantity} ${position.unit.name}`;
  const what = `of ${position.symbol} (${position.side}) in account ${accountNumber} at market on ${connection}.`;
  if (amount.kind === 'all') return printable(`Close all ${open} ${what}`);
  if (amount.kind === 'quantity') return printable(`Close ${amount.quantity} of ${open} ${what}`);
  const closing = quantityToClose(position, amount).toFixed();
  return printable(`Close ${amount.percent}% (${closing} of ${open}) ${what}`);
}

export function describeCloseAll(check: AccountCloseCheck, connection: string, cancelOrders: boolean): string {
  const symbols = check.positions.map((position) => position.symbol);
  const positions =
    symbols.length === 0 ? 'all positions (none is open now)' : `all ${symbols.length} position${symbols.length === 1 ? '' : 's'} (${listed(symbols)})`;
  const orders = check.openOrders.length;
  const cancelling = cancelOrders ? `, cancelling its ${orders} open order${orders === 1 ? '' : 's'} first` : '';
  return printable(`Close ${positions} in account ${check.account.number} at market on ${connection}${cancelling}.`);
}

export function describeCancel(order: Order | undefined, orderId: string, accountNumber: string, connection: string): string {
  const detail = order
    ? ` (${order.side} ${order.quantity ?? ''} ${order.symbol} ${order.type}${order.limitPrice ? ` at ${order.limitPrice}` : ''}, ${order.status})`.replace(/ {2,}/g, ' ')
    : ' (not among the open orders right now)';
  return printable(`Cancel order ${orderId}${detail} in account ${accountNumber} on ${connection}.`);
}

export function describeCloseAccount(check: AccountCloseCheck, connection: string): string {
  return printable(`Close account ${check.account.number} (${check.account.name}) on ${connection}. This cannot be undone.`);
}

export function describeRemove(summary: ConnectionSummary | undefined, name: string): string {
  const detail = summary ? ` (${summary.broker}, ${summary.baseUrl})` : '';
  return printable(`Remove connection ${name}${detail} and delete its secret from the keychain.`);
}

function listed(symbols: readonly string[]): string {
  const LIMIT = 10;
  const shown = symbols.slice(0, LIMIT).join(', ');
  return symbols.length > LIMIT ? `${shown} and ${symbols.length - LIMIT} more` : shown;
}
