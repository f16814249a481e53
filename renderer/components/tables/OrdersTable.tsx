import { useCallback, useMemo, type KeyboardEvent } from 'react';
import type { Availability } from '../../../shared/brokers';
import type { Order } from '../../../shared/domain';
import { lockReason } from '../../lib/actionLog';
import { sideTone } from '../../lib/orders';
import { formatDecimal, formatTimestamp, humanise } from '../../lib/format';
import { useBlockingAction, useUnresolvedAction } from '../../state/actionLog';
import { dialogStore, useDialogActions, type AccountTarget } from '../../state/dialogs';
import { selectionKey, useRowSelection, useRowSelectionActions } from '../../state/rowSelection';
import { plainKey } from '../../lib/shortcuts';
import { ActionButton } from '../common/ActionButton';
import { RowActionBadge } from '../common/RowActionBadge';
import { Badge } from '../common/StatusBadge';
import { VirtualTable, type ColumnSpec } from './VirtualTable';

function OrderActions({ order, target, cancel }: { order: Order; target: AccountTarget; cancel: Availability }) {
  const { openDialog } = useDialogActions();
  const rowTarget = { connection: target.connection, accountId: target.accountId, kind: 'cancel_order', subject: order.id } as const;
  const blocking = useBlockingAction(rowTarget);
  const unresolved = useUnresolvedAction(rowTarget);
  if (!order.open) return null;
  const badge = blocking ?? unresolved;
  return (
    <span className="row-actions">
      {badge ? <RowActionBadge entry={badge} locked={blocking !== null} /> : null}
      <ActionButton
        compact
        availability={blocking ? { available: false, reason: lockReason(blocking) } : cancel}
        label={`Cancel order ${order.symbol} ${humanise(order.side)} ${order.quantity ?? ''}`.trim()}
        shortcut="X"
        onClick={() => openDialog({ kind: 'cancelOrder', target, orderId: order.id })}
      >
        Cancel
      </ActionButton>
    </span>
  );
}

const DATA_COLUMNS: ColumnSpec<Order>[] = [
  { id: 'symbol', header: 'Symbol', minWidth: 80, sort: { kind: 'text', value: (o) => o.symbol }, cell: (o) => <strong>{o.symbol}</strong> },
  {
    id: 'side',
    header: 'Side',
    minWidth: 92,
    grow: 0.5,
    sort: { kind: 'text', value: (o) => o.side },
    cell: (o) => <Badge tone={sideTone(o.side)}>{humanise(o.side)}</Badge>,
  },
  { id: 'type', header: 'Type', minWidth: 80, sort: { kind: 'text', value: (o) => o.type }, cell: (o) => humanise(o.type) },
  {
    id: 'limitPrice',
    header: 'Limit',
    minWidth: 80,
    align: 'end',
    sort: { kind: 'decimal', value: (o) => o.limitPrice },
    cell: (o) => <span className="num">{formatDecimal(o.limitPrice)}</span>,
  },
  {
    id: 'quantity',
    header: 'Quantity',
    minWidth: 80,
    align: 'end',
    sort: { kind: 'decimal', value: (o) => o.quantity },
    cell: (o) => <span className="num">{formatDecimal(o.quantity)}</span>,
  },
  {
    id: 'filled',
    header: 'Filled',
    minWidth: 80,
    align: 'end',
    sort: { kind: 'decimal', value: (o) => o.filledQuantity },
    cell: (o) => <span className="num">{formatDecimal(o.filledQuantity)}</span>,
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 140,
    sort: { kind: 'text', value: (o) => o.status },
    cell: (o) => <Badge tone={o.open ? 'warning' : 'neutral'}>{humanise(o.status)}</Badge>,
  },
  {
    id: 'created',
    header: 'Created',
    minWidth: 160,
    sort: { kind: 'time', value: (o) => o.createdAt },
    cell: (o) => <span className="num">{formatTimestamp(o.createdAt)}</span>,
  },
];

const INITIAL_SORT = { columnId: 'created', desc: true };
const orderRowId = (order: Order) => order.id;

export function OrdersTable({ orders, target, cancel, filter }: { orders: readonly Order[]; target: AccountTarget; cancel: Availability; filter?: string | undefined }) {
  const { connection, accountId, accountNumber } = target;
  const cancelReason = cancel.available ? null : cancel.reason;
  const columns = useMemo<ColumnSpec<Order>[]>(() => {
    const rowTarget = { connection, accountId, accountNumber };
    const availability: Availability = cancelReason === null ? { available: true } : { available: false, reason: cancelReason };
    return [
      ...DATA_COLUMNS,
      { id: 'actions', pinEnd: true, header: '', minWidth: 140, grow: 0.4, cell: (o) => <OrderActions order={o} target={rowTarget} cancel={availability} /> },
    ];
  }, [connection, accountId, accountNumber, cancelReason]);

  const key = selectionKey('orders', connection, accountId);
  const selection = useRowSelection(key);
  const { setSelection } = useRowSelectionActions();
  const onSelectionChange = useCallback((next: typeof selection) => setSelection(key, next), [key, setSelection]);
  // X cancels: it opens the confirmation, for the selection when the row is one of several picked.
  const onRowKey = useCallback(
    (event: KeyboardEvent, order: Order) => {
      if (plainKey(event) !== 'x') return false;
      if (!order.open || cancelReason !== null) return true;
      const rowTarget = { connection, accountId, accountNumber };
      const { openDialog } = dialogStore.getState().actions;
      if (selection.ids.size > 1 && selection.ids.has(order.id)) openDialog({ kind: 'cancelSelected', target: rowTarget });
      else openDialog({ kind: 'cancelOrder', target: rowTarget, orderId: order.id });
      return true;
    },
    [connection, accountId, accountNumber, selection, cancelReason],
  );

  return (
    <VirtualTable
      label={`Orders in account ${accountNumber}`}
      items={orders}
      columns={columns}
      getRowId={orderRowId}
      testIdPrefix="order-row"
      initialSort={INITIAL_SORT}
      selection={selection}
      onSelectionChange={onSelectionChange}
      onRowKey={onRowKey}
      filter={filter}
    />
  );
}
