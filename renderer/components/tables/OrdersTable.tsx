import { useCallback, useMemo, type KeyboardEvent } from 'react';
import type { Availability, BrokerKind } from '../../../shared/brokers';
import type { Order } from '../../../shared/domain';
import { lockReason } from '../../lib/actionLog';
import { sideTone } from '../../lib/orders';
import type { ColumnOption } from '../../lib/columnChoice';
import { formatBlotterTime, formatDecimal, formatPrice, formatTimestamp, humanise, MISSING } from '../../lib/format';
import { useBlockingAction, useUnresolvedAction } from '../../state/actionLog';
import { dialogStore, useDialogActions, type AccountTarget } from '../../state/dialogs';
import { selectionKey, useRowSelection, useRowSelectionActions } from '../../state/rowSelection';
import { plainKey } from '../../lib/shortcuts';
import { ActionButton } from '../common/ActionButton';
import { ShortId, type FigureValue } from '../common/Figure';
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

const price = (value: string | null, o: Order): FigureValue => ({ text: formatPrice(value, o.priceScale), exact: value === null ? undefined : formatDecimal(value) });
const quantity = (value: string | null): FigureValue => ({ text: formatDecimal(value), exact: value === null ? undefined : formatDecimal(value) });
const time = (iso: string | null) => (iso ? <span className="num" title={formatTimestamp(iso)}>{formatBlotterTime(iso)}</span> : MISSING);

const DATA_COLUMNS: readonly ColumnSpec<Order>[] = [
  { id: 'orderId', header: 'Order', minWidth: 70, sort: { kind: 'text', value: (o) => o.id }, cell: (o) => <ShortId id={o.id} /> },
  { id: 'symbol', header: 'Symbol', minWidth: 76, sort: { kind: 'text', value: (o) => o.symbol }, cell: (o) => <strong title={o.symbol}>{o.symbol}</strong> },
  {
    id: 'side',
    header: 'Side',
    minWidth: 80,
    grow: 0.5,
    sort: { kind: 'text', value: (o) => o.side },
    cell: (o) => <Badge tone={sideTone(o.side)}>{humanise(o.side)}</Badge>,
  },
  { id: 'type', header: 'Type', minWidth: 72, sort: { kind: 'text', value: (o) => o.type }, cell: (o) => humanise(o.type) },
  { id: 'quantity', header: 'Quantity', minWidth: 68, align: 'end', sort: { kind: 'decimal', value: (o) => o.quantity }, figure: (o) => quantity(o.quantity) },
  { id: 'filled', header: 'Filled', minWidth: 64, align: 'end', sort: { kind: 'decimal', value: (o) => o.filledQuantity }, figure: (o) => quantity(o.filledQuantity) },
  { id: 'limitPrice', header: 'Limit', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (o) => o.limitPrice }, figure: (o) => price(o.limitPrice, o) },
  { id: 'stopPrice', header: 'Stop', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (o) => o.stopPrice }, figure: (o) => price(o.stopPrice, o) },
  {
    id: 'timeInForce',
    header: 'TIF',
    minWidth: 48,
    sort: { kind: 'text', value: (o) => o.timeInForce },
    cell: (o) => (o.timeInForce ? <span title={`Time in force: ${o.timeInForce}`}>{o.timeInForce.toUpperCase()}</span> : MISSING),
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 152,
    sort: { kind: 'text', value: (o) => o.status },
    cell: (o) => <Badge tone={o.open ? 'warning' : 'neutral'}>{humanise(o.status)}</Badge>,
  },
  { id: 'created', header: 'Created', minWidth: 92, sort: { kind: 'time', value: (o) => o.createdAt }, cell: (o) => time(o.createdAt) },
  { id: 'updated', header: 'Updated', minWidth: 92, sort: { kind: 'time', value: (o) => o.updatedAt }, cell: (o) => time(o.updatedAt) },
];

export const ORDER_COLUMN_OPTIONS: readonly ColumnOption[] = DATA_COLUMNS.map(({ id, header }) => ({ id, header }));
const STANDARD_ORDER_COLUMNS: readonly string[] = ['orderId', 'symbol', 'side', 'type', 'quantity', 'limitPrice', 'stopPrice', 'status', 'created'];

/**
 * What fits a 1280 px window beside the account list; time in force, filled quantity and update time are a choice
 * away. ScaleTrade's type already names the side ("buy limit"), and its prices, lined up on the point across FX and
 * indices, need the room.
 */
export const DEFAULT_ORDER_COLUMNS: Readonly<Record<BrokerKind, readonly string[]>> = {
  alpaca: STANDARD_ORDER_COLUMNS,
  clearstreet: STANDARD_ORDER_COLUMNS,
  exness: STANDARD_ORDER_COLUMNS,
  scaletrade: STANDARD_ORDER_COLUMNS.filter((id) => id !== 'side'),
};

const INITIAL_SORT = { columnId: 'created', desc: true };
const orderRowId = (order: Order) => order.id;

interface OrdersTableProps {
  orders: readonly Order[];
  target: AccountTarget;
  cancel: Availability;
  /** The ids of the columns to show. */
  shown: ReadonlySet<string>;
  filter?: string | undefined;
}

export function OrdersTable({ orders, target, cancel, shown, filter }: OrdersTableProps) {
  const { connection, accountId, accountNumber } = target;
  const cancelReason = cancel.available ? null : cancel.reason;
  const shownKey = [...shown].join(',');
  const columns = useMemo<ColumnSpec<Order>[]>(() => {
    const rowTarget = { connection, accountId, accountNumber };
    const availability: Availability = cancelReason === null ? { available: true } : { available: false, reason: cancelReason };
    const ids = new Set(shownKey.split(','));
    return [
      ...DATA_COLUMNS.filter((column) => ids.has(column.id)),
      { id: 'actions', pinEnd: true, header: '', minWidth: 96, grow: 0.4, cell: (o) => <OrderActions order={o} target={rowTarget} cancel={availability} /> },
    ];
  }, [connection, accountId, accountNumber, cancelReason, shownKey]);

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
