import { useCallback, useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { Availability, BrokerKind, PartialCloseUnit, TicketField } from '../../../shared/brokers';
import type { Position } from '../../../shared/domain';
import { closePositionSpec } from '../../api/actions';
import { useActionMutation } from '../../hooks/useActionMutation';
import { lockReason } from '../../lib/actionLog';
import type { ColumnOption } from '../../lib/columnChoice';
import { formatDecimal, formatMoney, formatPercent, formatPrice, formatQuantity, formatSignedMoney, formatTimestamp, MISSING, signTone } from '../../lib/format';
import { useBlockingAction, useHasTakenClose, useUnresolvedAction, useWorkingAction } from '../../state/actionLog';
import { useSkipsSingleCloseConfirm } from '../../state/confirmPrefs';
import { dialogStore, useDialogActions, type AccountTarget } from '../../state/dialogs';
import { selectionKey, useRowSelection, useRowSelectionActions } from '../../state/rowSelection';
import { plainKey } from '../../lib/shortcuts';
import { ActionButton } from '../common/ActionButton';
import { ShortId, type FigureValue } from '../common/Figure';
import { RowActionBadge } from '../common/RowActionBadge';
import { Badge } from '../common/StatusBadge';
import { useShownColumns } from './ColumnChooser';
import { VirtualTable, type ColumnSpec } from './VirtualTable';

const ALWAYS: Availability = { available: true };

function PositionActions({ position, target, partial }: { position: Position; target: AccountTarget; partial: Availability }) {
  const { openDialog } = useDialogActions();
  const rowTarget = { connection: target.connection, accountId: target.accountId, kind: 'close_position', subject: position.id } as const;
  const blocking = useBlockingAction(rowTarget);
  const unresolved = useUnresolvedAction(rowTarget);
  const working = useWorkingAction(rowTarget);
  const skipsConfirm = useSkipsSingleCloseConfirm(target.connection);
  const closeTaken = useHasTakenClose(rowTarget);
  // A row whose close the broker already took asks again, so a second click never sends a second close unseen.
  const skipConfirm = skipsConfirm && !closeTaken;
  const closeNow = useActionMutation<'position:close'>();
  // A holding no order can close (cash at Clear Street) keeps its row, with the reason where the buttons would act.
  const lock: Availability | null = blocking
    ? { available: false, reason: lockReason(blocking) }
    : position.notClosable !== undefined
      ? { available: false, reason: `${position.symbol} cannot be closed: ${position.notClosable}.` }
      : null;
  const badge = blocking ?? unresolved ?? working;
  return (
    <span className="row-actions">
      {badge ? <RowActionBadge entry={badge} locked={blocking !== null} /> : null}
      <ActionButton
        compact
        availability={lock ?? ALWAYS}
        label={`Close ${position.symbol}`}
        shortcut="C"
        hint={skipConfirm ? `Sends a full close of ${position.symbol} at once: confirmation is off for ${target.connection} (turn it back on in Settings).` : undefined}
        onClick={() =>
          skipConfirm
            ? closeNow.mutate(closePositionSpec(target, position, { kind: 'all' }))
            : openDialog({ kind: 'closePosition', target, positionId: position.id, mode: 'all' })
        }
      >
        Close
      </ActionButton>
      <ActionButton
        compact
        availability={lock ?? partial}
        label={`Partial close of ${position.symbol}`}
        shortcut="P"
        onClick={() => openDialog({ kind: 'closePosition', target, positionId: position.id, mode: 'quantity' })}
      >
        Partial…
      </ActionButton>
    </span>
  );
}

interface Layout {
  currency: string | null;
}

const price = (value: string | null, p: Position): FigureValue => ({ text: formatPrice(value, p.priceScale), exact: value === null ? undefined : formatDecimal(value) });
// Quote-valued figures (JP225 in yen) are in a currency the platform does not name: two places, like most.
const money = (value: string | null, p: Position, layout: Layout, signed = false): FigureValue => ({
  text: signed ? formatSignedMoney(value, p.quoteValued ? null : layout.currency) : formatMoney(value, p.quoteValued ? null : layout.currency),
  exact: value === null ? undefined : formatDecimal(value),
  tone: signed ? signTone(value) : undefined,
});
const opened = (p: Position) => (p.ticket?.openedAt ? <span className="num">{formatTimestamp(p.ticket.openedAt)}</span> : MISSING);

type PositionColumn = Omit<ColumnSpec<Position>, 'cell' | 'figure'> & {
  cell?(p: Position, layout: Layout): ReactNode;
  figure?(p: Position, layout: Layout): FigureValue;
  ticketField?: TicketField | 'ticket';
};

const DATA_COLUMNS: readonly PositionColumn[] = [
  { id: 'ticket', ticketField: 'ticket', header: 'Ticket', minWidth: 66, sort: { kind: 'text', value: (p) => p.id }, cell: (p) => <ShortId id={p.id} /> },
  { id: 'symbol', header: 'Symbol', minWidth: 76, sort: { kind: 'text', value: (p) => p.symbol }, cell: (p) => <strong title={p.symbol}>{p.symbol}</strong> },
  {
    id: 'side',
    header: 'Side',
    minWidth: 82,
    grow: 0.5,
    sort: { kind: 'text', value: (p) => p.side },
    cell: (p) => <Badge tone={p.side === 'long' ? 'positive' : 'negative'}>{p.side}</Badge>,
  },
  {
    id: 'quantity',
    header: 'Quantity',
    minWidth: 66,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.quantity },
    figure: (p) => ({ text: formatQuantity(p.quantity, p.unit.step), exact: formatDecimal(p.quantity) }),
  },
  {
    id: 'available',
    header: 'Available',
    minWidth: 76,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.available },
    figure: (p) => ({ text: formatQuantity(p.available, p.unit.step), exact: formatDecimal(p.available) }),
  },
  { id: 'openedAt', ticketField: 'openedAt', header: 'Opened', minWidth: 150, sort: { kind: 'time', value: (p) => p.ticket?.openedAt ?? null }, cell: opened },
  { id: 'avgPrice', header: 'Avg price', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (p) => p.avgPrice }, figure: (p) => price(p.avgPrice, p) },
  { id: 'lastPrice', header: 'Last price', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (p) => p.lastPrice }, figure: (p) => price(p.lastPrice, p) },
  {
    id: 'stopLoss',
    ticketField: 'stopLoss',
    header: 'SL',
    minWidth: 72,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.ticket?.stopLoss ?? null },
    figure: (p) => price(p.ticket?.stopLoss ?? null, p),
  },
  {
    id: 'takeProfit',
    ticketField: 'takeProfit',
    header: 'TP',
    minWidth: 72,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.ticket?.takeProfit ?? null },
    figure: (p) => price(p.ticket?.takeProfit ?? null, p),
  },
  {
    id: 'marketValue',
    header: 'Market value',
    minWidth: 104,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.marketValue },
    figure: (p, layout) => money(p.marketValue, p, layout),
  },
  { id: 'swap', ticketField: 'swap', header: 'Swap', minWidth: 72, align: 'end', sort: { kind: 'decimal', value: (p) => p.ticket?.swap ?? null }, figure: (p, layout) => money(p.ticket?.swap ?? null, p, layout, true) },
  {
    id: 'commission',
    ticketField: 'commission',
    header: 'Commission',
    minWidth: 92,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.ticket?.commission ?? null },
    figure: (p, layout) => money(p.ticket?.commission ?? null, p, layout, true),
  },
  {
    id: 'unrealizedPnl',
    header: 'Unrealised P&L',
    minWidth: 104,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.unrealizedPnl },
    figure: (p, layout) => money(p.unrealizedPnl, p, layout, true),
  },
  {
    id: 'unrealizedPnlPct',
    header: 'P&L %',
    minWidth: 80,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.unrealizedPnlPct },
    figure: (p) => ({
      text: formatPercent(p.unrealizedPnlPct),
      exact: p.unrealizedPnlPct === null ? undefined : `${formatDecimal(p.unrealizedPnlPct)} %`,
      tone: signTone(p.unrealizedPnlPct),
    }),
  },
];

/**
 * What each broker's table shows before any choice: what fits a 1280 px window beside the account list. Figures a
 * broker never fills (ScaleTrade's market value, the margin platforms' P&L %) start hidden; the chooser has them all.
 * The per-ticket platforms mix five-place FX with five-digit indices, and figures lined up on the point take the
 * width of both: their SL and TP are a choice away.
 */
const DEFAULT_COLUMNS: Readonly<Record<BrokerKind, readonly string[]>> = {
  alpaca: ['symbol', 'side', 'quantity', 'avgPrice', 'lastPrice', 'marketValue', 'unrealizedPnl', 'unrealizedPnlPct'],
  clearstreet: ['symbol', 'side', 'quantity', 'avgPrice', 'lastPrice', 'marketValue', 'unrealizedPnl', 'unrealizedPnlPct'],
  exness: ['ticket', 'symbol', 'side', 'quantity', 'avgPrice', 'lastPrice', 'unrealizedPnl'],
  scaletrade: ['ticket', 'symbol', 'side', 'quantity', 'avgPrice', 'lastPrice', 'unrealizedPnl'],
};

/** The positions columns this broker's API can fill, for the chooser, and those shown now. */
export function usePositionColumns(broker: BrokerKind, ticketFields: readonly TicketField[]) {
  const options = useMemo<ColumnOption[]>(
    () => DATA_COLUMNS.filter((column) => column.ticketField === undefined || (column.ticketField === 'ticket' ? ticketFields.length > 0 : ticketFields.includes(column.ticketField))),
    [ticketFields],
  );
  const shown = useShownColumns('positions', broker, options, DEFAULT_COLUMNS[broker]);
  return { options, shown };
}

const INITIAL_SORT = { columnId: 'symbol', desc: false };
const positionRowId = (position: Position) => position.id;

interface PositionsTableProps {
  positions: readonly Position[];
  target: AccountTarget;
  partialClose: PartialCloseUnit;
  /** The account currency: money columns take its places. */
  currency: string | null;
  /** The ids of the columns to show (usePositionColumns). */
  shown: ReadonlySet<string>;
  filter?: string | undefined;
}

export function PositionsTable({ positions, target, partialClose, currency, shown, filter }: PositionsTableProps) {
  const { connection, accountId, accountNumber } = target;
  const partialReason = partialClose.kind === 'none' ? partialClose.reason : null;
  const shownKey = [...shown].join(',');
  const columns = useMemo<ColumnSpec<Position>[]>(() => {
    const rowTarget = { connection, accountId, accountNumber };
    const partial: Availability = partialReason === null ? ALWAYS : { available: false, reason: partialReason };
    const layout: Layout = { currency };
    const ids = new Set(shownKey.split(','));
    return [
      ...DATA_COLUMNS.filter((column) => ids.has(column.id)).map(
        ({ cell, figure, ...column }): ColumnSpec<Position> => ({
          ...column,
          ...(cell ? { cell: (p: Position) => cell(p, layout) } : {}),
          ...(figure ? { figure: (p: Position) => figure(p, layout) } : {}),
        }),
      ),
      {
        id: 'actions',
        pinEnd: true,
        header: '',
        // Room for a two-line badge beside both buttons, so a row in flight keeps its width.
        minWidth: 168,
        grow: 0.5,
        cell: (p) => <PositionActions position={p} target={rowTarget} partial={partial} />,
      },
    ];
    // Primitive dependencies keep the columns, and so every memoised row, stable across polls.
  }, [connection, accountId, accountNumber, partialReason, currency, shownKey]);

  const key = selectionKey('positions', connection, accountId);
  const selection = useRowSelection(key);
  const { setSelection } = useRowSelectionActions();
  const onSelectionChange = useCallback((next: typeof selection) => setSelection(key, next), [key, setSelection]);
  // C closes, P closes in part: each opens its confirmation, never sends by itself. C on a row among several picked
  // closes the selection.
  const onRowKey = useCallback(
    (event: KeyboardEvent, position: Position) => {
      const pressed = plainKey(event);
      if (pressed !== 'c' && pressed !== 'p') return false;
      if (position.notClosable !== undefined) return true;
      const rowTarget = { connection, accountId, accountNumber };
      const { openDialog } = dialogStore.getState().actions;
      if (pressed === 'c' && selection.ids.size > 1 && selection.ids.has(position.id)) {
        openDialog({ kind: 'closeSelected', target: rowTarget });
      } else if (pressed === 'c') {
        openDialog({ kind: 'closePosition', target: rowTarget, positionId: position.id, mode: 'all' });
      } else if (partialReason === null) {
        openDialog({ kind: 'closePosition', target: rowTarget, positionId: position.id, mode: 'quantity' });
      }
      return true;
    },
    [connection, accountId, accountNumber, selection, partialReason],
  );

  return (
    <VirtualTable
      label={`Positions in account ${accountNumber}`}
      items={positions}
      columns={columns}
      getRowId={positionRowId}
      testIdPrefix="position-row"
      initialSort={INITIAL_SORT}
      selection={selection}
      onSelectionChange={onSelectionChange}
      onRowKey={onRowKey}
      filter={filter}
    />
  );
}
