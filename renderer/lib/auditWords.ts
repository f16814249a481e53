import type { AuditRecord } from '../../shared/audit';
import { formatDecimal } from './format';

/** "9JA74XQ2 · Ada Lovelace", or the broker's id for records written before numbers were kept. */
export function auditAccount(record: Pick<AuditRecord, 'accountId' | 'accountNumber' | 'accountName'>): string | null {
  if (record.accountNumber === undefined) return record.accountId;
  return record.accountName ? `${record.accountNumber} · ${record.accountName}` : record.accountNumber;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function amountInWords(amount: unknown, what: string): string {
  const shape = (amount ?? {}) as { kind?: string; quantity?: unknown; percent?: unknown };
  if (shape.kind === 'quantity' && text(shape.quantity)) return `${formatDecimal(text(shape.quantity))} of ${what}`;
  if (shape.kind === 'percent' && text(shape.percent)) return `${formatDecimal(text(shape.percent))}% of ${what}`;
  return `all of ${what}`;
}

function otherParams(params: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.entries(params)
    .filter(([key]) => !known.includes(key))
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/** What an action was asked to do, in a sentence a support desk reads: "Close 2 of AAPL, comment “client asked”". */
export function paramsInWords(record: Pick<AuditRecord, 'action' | 'params' | 'symbol'>): string {
  const p = record.params;
  const parts: string[] = [];
  let known: string[] = [];
  switch (record.action) {
    case 'close_position':
      parts.push(`Close ${amountInWords(p.amount, record.symbol ?? text(p.positionId) ?? 'the position')}`);
      if (text(p.comment)) parts.push(`comment “${text(p.comment)}”`);
      if (text(p.retryOf)) parts.push(`retry of ${text(p.retryOf)}`);
      known = ['amount', 'positionId', 'comment', 'retryOf', 'clientOrderId'];
      break;
    case 'close_all':
      parts.push(p.cancelOrders === true ? 'Close all positions, cancelling open orders first' : 'Close all positions');
      known = ['cancelOrders'];
      break;
    case 'cancel_order':
      parts.push(`Cancel order ${text(p.orderId) ?? ''}`.trim());
      known = ['orderId'];
      break;
    case 'cancel_all_orders':
      parts.push(`Cancel all ${Array.isArray(p.orderIds) ? `${p.orderIds.length} ` : ''}working orders`);
      known = ['orderIds'];
      break;
    case 'close_account':
      parts.push('Close the account');
      break;
    case 'sweep_cash':
      parts.push(`Move ${formatDecimal(text(p.amount))} to account ${text(p.toAccountId) ?? '?'}`);
      if (text(p.reference)) parts.push(`reference “${text(p.reference)}”`);
      known = ['amount', 'toAccountId', 'reference'];
      break;
    case 'connection_add':
      parts.push(`Add connection at ${text(p.baseUrl) ?? '?'}`);
      if (text(p.keyId)) parts.push(`key id ${text(p.keyId)}`);
      if (text(p.login)) parts.push(`login ${text(p.login)}`);
      known = ['baseUrl', 'keyId', 'login'];
      break;
    case 'connection_edit':
      if (text(p.baseUrl)) parts.push(`Point the connection at ${text(p.baseUrl)}`);
      if (text(p.firmAccount)) parts.push(`${parts.length === 0 ? 'Set' : 'set'} the firm account to ${text(p.firmAccount)}`);
      if (p.firmAccount === null) parts.push(`${parts.length === 0 ? 'Clear' : 'clear'} the firm account`);
      known = ['baseUrl', 'firmAccount'];
      break;
    case 'connection_rotate':
      parts.push('Replace the secret');
      break;
    case 'connection_remove':
      parts.push('Remove the connection');
      break;
    default:
      break;
  }
  return [...parts, ...otherParams(p, known)].join(', ');
}
