import type { BulkItemResult, BulkProgress } from '../../../shared/bulk';
import type { FlattenAccountPlan, FlattenPlan, FlattenReport } from '../../../shared/flatten';
import { printable, renderTable } from '../table';

// What flatten prints for a person: the plan and the progress on stderr, the result per item on stdout.

const LISTED = 20;

export function formatFlattenPlan(plan: FlattenPlan): string {
  const table = renderTable(plan.accounts, [
    { header: 'CONNECTION', value: (account) => account.connection },
    { header: 'ACCOUNT', value: (account) => account.accountNumber },
    { header: 'NAME', value: (account) => account.accountName },
    { header: 'POSITIONS', value: (account) => (account.readError === null ? String(account.positions.length) : null), align: 'right' },
    { header: 'ORDERS', value: (account) => (account.readError === null ? String(account.orders.length) : null), align: 'right' },
    { header: 'CANNOT DO', value: (account) => String(account.cannotDo.length + (account.readError === null ? 0 : 1)), align: 'right' },
  ]);
  const lines = [printable(`Flatten, run ${plan.runId}: ${plan.positions} ${plan.positions === 1 ? 'position' : 'positions'} to close and ${plan.orders} ${plan.orders === 1 ? 'order' : 'orders'} to cancel in ${plan.accounts.length} ${plan.accounts.length === 1 ? 'account' : 'accounts'}:`), '', table, ''];
  for (const account of plan.accounts) lines.push(...accountLines(account));
  return lines.join('\n');
}

function accountLines(account: FlattenAccountPlan): string[] {
  const who = `  ${account.connection} ${account.accountNumber} (${account.accountName})`;
  if (account.readError !== null) return [printable(`${who}: ${account.readError}`)];
  const listed = <T>(items: readonly T[], text: (item: T) => string) =>
    `${items.slice(0, LISTED).map(text).join(', ')}${items.length > LISTED ? `, and ${items.length - LISTED} more` : ''}`;
  const lines = [`${who}:`];
  if (account.orders.length > 0) lines.push(`    cancel ${listed(account.orders, (order) => `${order.symbol} ${order.side} ${order.quantity ?? ''}`.trim())}`);
  if (account.positions.length > 0) lines.push(`    close  ${listed(account.positions, (position) => `${position.symbol} ${position.side} ${position.quantity}`)}`);
  if (account.orders.length + account.positions.length === 0) lines.push('    nothing to send');
  for (const reason of account.cannotDo) lines.push(`    cannot: ${reason}`);
  return lines.map(printable);
}

export function progressLine(event: BulkProgress, plan: FlattenPlan): string {
  return printable(`[${event.done}/${event.total}] ${itemWords(event.result, plan)}: ${event.result.state}`);
}

export function formatFlattenReport(report: FlattenReport, plan: FlattenPlan): string {
  const table = renderTable(report.items, [
    { header: 'ACCOUNT', value: (item) => `${item.connection} ${accountOf(item, plan)?.accountNumber ?? item.accountId}` },
    { header: 'ACTION', value: (item) => `${item.kind} ${symbolOf(item, plan)}` },
    { header: 'RESULT', value: (item) => item.state },
    { header: 'ANSWER', value: answerOf },
  ]);
  const { done, refused, unknown } = report.summary;
  return [table, '', `${done} done, ${refused} refused, ${unknown} outcome unknown.`].join('\n');
}

function answerOf(item: BulkItemResult): string {
  const details = [item.brokerCode ? `broker code ${item.brokerCode}` : null, item.requestId ? `request id ${item.requestId}` : null].filter((detail) => detail !== null);
  return `${item.message}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

function itemWords(item: BulkItemResult, plan: FlattenPlan): string {
  return `${item.connection} ${accountOf(item, plan)?.accountNumber ?? item.accountId} ${item.kind} ${symbolOf(item, plan)}`;
}

function accountOf(item: BulkItemResult, plan: FlattenPlan): FlattenAccountPlan | undefined {
  return plan.accounts.find((account) => account.connection === item.connection && account.accountId === item.accountId);
}

function symbolOf(item: BulkItemResult, plan: FlattenPlan): string {
  const account = accountOf(item, plan);
  const found = item.kind === 'close' ? account?.positions.find((position) => position.id === item.targetId) : account?.orders.find((order) => order.id === item.targetId);
  return found && found.symbol !== item.targetId ? `${found.symbol} (${item.targetId})` : item.targetId;
}
