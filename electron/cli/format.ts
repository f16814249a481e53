import type { ActionReceipt, CloseAllItem, CloseAllReceipt } from '../../shared/actions';
import type { Account, AccountCloseCheck, ConnectionSummary, Order, Position } from '../../shared/domain';
import { formatAuditHead, type AuditRecord, type AuditVerification } from '../../shared/audit';
import { fillPricePhrase, realisedPnlText } from '../../shared/fillText';
import { formatDecimal, formatPrice } from '../../shared/numberFormat';
import { printable, renderTable, type Column } from './table';

// Human output only: --json prints the domain objects themselves.

const POSITION_COLUMNS: Column<Position>[] = [
  { header: 'ID', value: (p) => p.id },
  { header: 'SYMBOL', value: (p) => p.symbol },
  { header: 'SIDE', value: (p) => p.side },
  { header: 'QTY', value: (p) => p.quantity, align: 'right' },
  { header: 'AVAILABLE', value: (p) => p.available, align: 'right' },
  { header: 'UNIT', value: (p) => p.unit.name },
  { header: 'AVG PRICE', value: (p) => p.avgPrice, align: 'right' },
  { header: 'LAST', value: (p) => p.lastPrice, align: 'right' },
  { header: 'MARKET VALUE', value: (p) => p.marketValue, align: 'right' },
  { header: 'UNREALIZED P&L', value: (p) => p.unrealizedPnl, align: 'right' },
  { header: 'P&L %', value: (p) => p.unrealizedPnlPct, align: 'right' },
];

const ORDER_COLUMNS: Column<Order>[] = [
  { header: 'ID', value: (o) => o.id },
  { header: 'SYMBOL', value: (o) => o.symbol },
  { header: 'SIDE', value: (o) => o.side },
  { header: 'TYPE', value: (o) => o.type },
  { header: 'QTY', value: (o) => o.quantity, align: 'right' },
  { header: 'FILLED', value: (o) => o.filledQuantity, align: 'right' },
  { header: 'LIMIT', value: (o) => o.limitPrice, align: 'right' },
  { header: 'STATUS', value: (o) => o.status },
  { header: 'CREATED', value: (o) => o.createdAt },
];

export function formatConnections(connections: readonly ConnectionSummary[]): string {
  if (connections.length === 0) return "No connections. Add one with 'closeout connections add'.";
  return renderTable(connections, [
    { header: 'NAME', value: (c) => c.name },
    { header: 'BROKER', value: (c) => c.broker },
    { header: 'BASE URL', value: (c) => c.baseUrl },
    { header: 'DEMO', value: (c) => (c.demo ? 'yes' : 'no') },
    { header: 'FIRM ACCOUNT', value: (c) => c.firmAccount?.number ?? '-' },
    { header: 'LAST OK', value: (c) => c.health?.lastSuccessAt ?? '-' },
    { header: 'LAST ERROR', value: (c) => (c.health?.lastError ? `${c.health.lastError.at} ${c.health.lastError.message}` : '-') },
  ]);
}

/** The table, and under it how many there are: with --limit, whether the limit cut the list. */
export function formatAccounts(accounts: readonly Account[], limit?: number): string {
  if (accounts.length === 0) return 'No accounts.';
  const count = `${accounts.length.toLocaleString('en-US')} account${accounts.length === 1 ? '' : 's'}`;
  const footer = limit !== undefined && accounts.length >= limit ? `${count}: the first ${limit.toLocaleString('en-US')} (--limit); there may be more.` : `${count}.`;
  return `${table(accounts)}\n${footer}`;
}

function table(accounts: readonly Account[]): string {
  return renderTable(accounts, [
    { header: 'ID', value: (a) => a.id },
    { header: 'NUMBER', value: (a) => a.number },
    { header: 'NAME', value: (a) => a.name },
    { header: 'STATUS', value: (a) => a.status },
    { header: 'CURRENCY', value: (a) => a.currency },
  ]);
}

export function formatPositions(positions: readonly Position[]): string {
  return positions.length === 0 ? 'No open positions.' : renderTable(positions, POSITION_COLUMNS);
}

export function formatOrders(orders: readonly Order[]): string {
  return orders.length === 0 ? 'No orders.' : renderTable(orders, ORDER_COLUMNS);
}

export function formatReceipt(receipt: ActionReceipt): string {
  const lines = [printable(receipt.message), `state: ${receipt.state}`];
  if (receipt.order) lines.push(`order: ${printable(receipt.order.id)} (${printable(receipt.order.status)})`);
  if (receipt.fill) {
    const { fill } = receipt;
    lines.push(`filled: ${formatDecimal(fill.filledQuantity)}${fillPricePhrase(fill)}`, `left: ${formatDecimal(fill.remaining)}`);
    const realised = realisedPnlText(fill);
    if (realised !== null) lines.push(`realised P&L: ${realised}${fill.realizedPnlEstimated ? ' (estimated)' : ''}`);
  }
  lines.push(`action id: ${receipt.actionId}`);
  if (receipt.requestId) lines.push(`request id: ${printable(receipt.requestId)}`);
  return lines.join('\n');
}

/** A followed close all's fill per position (close-all --wait). */
const FILL_COLUMNS: Column<CloseAllItem>[] = [
  { header: 'FILLED', value: (item) => item.fill?.filledQuantity ?? null, align: 'right' },
  { header: 'AVG PRICE', value: (item) => (item.fill?.avgPrice ? formatPrice(item.fill.avgPrice, item.fill.priceScale) : null), align: 'right' },
  { header: 'LEFT', value: (item) => item.fill?.remaining ?? null, align: 'right' },
  {
    header: 'P&L',
    value: (item) => {
      const realised = item.fill === undefined ? null : realisedPnlText(item.fill);
      return realised === null ? null : `${realised}${item.fill?.realizedPnlEstimated ? ' (est.)' : ''}`;
    },
    align: 'right',
  },
];

export function formatCloseAllReceipt(receipt: CloseAllReceipt): string {
  const lines = [printable(receipt.message), `state: ${receipt.state}`];
  if (receipt.cancelOrdersFirst) lines.push('open orders were cancelled first');
  lines.push(`action id: ${receipt.actionId}`);
  if (receipt.requestId) lines.push(`request id: ${printable(receipt.requestId)}`);
  if (receipt.items.length > 0) {
    lines.push(
      '',
      renderTable(receipt.items, [
        { header: 'SYMBOL', value: (item) => item.symbol },
        { header: 'POSITION', value: (item) => item.positionId },
        { header: 'STATE', value: (item) => item.state },
        { header: 'HTTP', value: (item) => (item.httpStatus === null ? null : String(item.httpStatus)), align: 'right' },
        { header: 'ORDER', value: (item) => item.orderId },
        ...(receipt.items.some((item) => item.fill !== undefined) ? FILL_COLUMNS : []),
        { header: 'MESSAGE', value: (item) => (item.brokerCode ? `${item.message} (broker code ${item.brokerCode})` : item.message) },
      ]),
    );
  }
  return lines.join('\n');
}

export function formatCloseCheck(check: AccountCloseCheck): string {
  const { account, balances } = check;
  const lines = [
    `Account ${printable(account.number)} (${printable(account.name)}), status ${printable(account.status)}`,
    `Cash: ${balances.cash ?? '-'}${balances.currency ? ` ${printable(balances.currency)}` : ''}`,
    '',
    `Positions (${check.positions.length}):`,
    check.positions.length === 0 ? '  none' : indent(renderTable(check.positions, POSITION_COLUMNS)),
    '',
    `Open orders (${check.openOrders.length}):`,
    check.openOrders.length === 0 ? '  none' : indent(renderTable(check.openOrders, ORDER_COLUMNS)),
    '',
  ];
  if (check.blockers.length === 0) lines.push('Nothing blocks closing this account.');
  else lines.push('Blockers:', ...check.blockers.map((blocker) => `  - ${printable(blocker)}`));
  return lines.join('\n');
}

export function formatAuditRecords(records: readonly AuditRecord[]): string {
  if (records.length === 0) return 'The audit trail is empty.';
  return renderTable(records, [
    { header: 'SEQ', value: (r) => String(r.seq), align: 'right' },
    { header: 'TIME', value: (r) => r.time },
    { header: 'USER', value: (r) => r.user },
    { header: 'ACTION', value: (r) => r.action },
    { header: 'PHASE', value: (r) => r.phase },
    { header: 'CONNECTION', value: (r) => r.connection },
    { header: 'ACCOUNT', value: (r) => r.accountId },
    { header: 'OUTCOME', value: (r) => (r.errorCode ? `${r.outcome ?? '-'} (${r.errorCode})` : r.outcome) },
    { header: 'REQUEST ID', value: (r) => r.requestId },
    { header: 'ACTION ID', value: (r) => r.actionId },
  ]);
}

export function formatVerification(result: AuditVerification): string {
  const lines = [
    result.ok
      ? `The audit trail is intact: ${result.records} records chain correctly and carry valid signatures from the keychain key.`
      : `The audit trail is broken at record ${result.firstBad?.seq ?? '?'}: ${result.firstBad?.reason ?? 'unknown reason'} (${result.records} records before it chain correctly).`,
  ];
  if (result.ok && result.expectedHead) lines.push(`Record ${formatAuditHead(result.expectedHead)}, noted earlier, is still in the chain unchanged.`);
  if (result.ok && result.head) lines.push(`Head: ${formatAuditHead(result.head)}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
