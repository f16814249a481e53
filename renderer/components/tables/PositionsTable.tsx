import { useCallback, useMemo, type KeyboardEvent } from 'react';
import type { Availability, PartialCloseUnit } from '../../../shared/brokers';
import type { Position } from '../../../shared/domain';
import { closePositionSpec } from '../../api/actions';
import { useActionMutation } from '../../hooks/useActionMutation';
import { lockReason } from '../../lib/actionLog';
import { formatDecimal, formatPercent, formatSigned, signTone } from '../../lib/format';
import { useBlockingAction, useHasTakenClose, useUnresolvedAction, useWorkingAction } from '../../state/actionLog';
import { useSkipsSingleCloseConfirm } from '../../state/confirmPrefs';
import { dialogStore, useDialogActions, type AccountTarget } from '../../state/dialogs';
import { selectionKey, useRowSelection, useRowSelectionActions } from '../../state/rowSelection';
import { plainKey } from '../../lib/shortcuts';
import { ActionButton } from '../common/ActionButton';
import { RowActionBadge } from '../common/RowActionBadge';
import { Badge } from '../common/StatusBadge';
import { VirtualTable, type ColumnSpec } from './VirtualTable';

function Num({ value }: { value: string | null }) {
  const text = formatDecimal(value);
  return (
    <span className="num" title={text}>
      {text}
    </span>
  );
}

function Pnl({ value, percent = false }: { value: string | null; percent?: boolean }) {
  return (
    <span className={`num pnl-${signTone(value)}`} title={percent && value !== null ? `${value} %` : undefined}>
      {percent ? formatPercent(value) : formatSigned(value)}
    </span>
  );
}

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

const DATA_COLUMNS: ColumnSpec<Position>[] = [
  { id: 'symbol', header: 'Symbol', minWidth: 72, sort: { kind: 'text', value: (p) => p.symbol }, cell: (p) => <strong>{p.symbol}</strong> },
  {
    id: 'side',
    header: 'Side',
    minWidth: 76,
    grow: 0.5,
    sort: { kind: 'text', value: (p) => p.side },
    cell: (p) => <Badge tone={p.side === 'long' ? 'positive' : 'negative'}>{p.side}</Badge>,
  },
  { id: 'quantity', header: 'Quantity', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (p) => p.quantity }, cell: (p) => <Num value={p.quantity} /> },
  { id: 'available', header: 'Available', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (p) => p.available }, cell: (p) => <Num value={p.available} /> },
  { id: 'avgPrice', header: 'Avg price', minWidth: 72, align: 'end', sort: { kind: 'decimal', value: (p) => p.avgPrice }, cell: (p) => <Num value={p.avgPrice} /> },
  { id: 'lastPrice', header: 'Last price', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (p) => p.lastPrice }, cell: (p) => <Num value={p.lastPrice} /> },
  {
    id: 'marketValue',
    header: 'Market value',
    minWidth: 96,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.marketValue },
    cell: (p) => <Num value={p.marketValue} />,
  },
  {
    id: 'unrealizedPnl',
    header: 'Unrealised P&L',
    minWidth: 106,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.unrealizedPnl },
    cell: (p) => <Pnl value={p.unrealizedPnl} />,
  },
  {
    id: 'unrealizedPnlPct',
    header: 'P&L %',
    minWidth: 84,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.unrealizedPnlPct },
    cell: (p) => <Pnl value={p.unrealizedPnlPct} percent />,
  },
];

const INITIAL_SORT = { columnId: 'symbol', desc: false };
const positionRowId = (position: Position) => position.id;

export function PositionsTable({ positions, target, partialClose, filter }: { positions: readonly Position[]; target: AccountTarget; partialClose: PartialCloseUnit; filter?: string | undefined }) {
  const { connection, accountId, accountNumber } = target;
  const partialReason = partialClose.kind === 'none' ? partialClose.reason : null;
  const columns = useMemo<ColumnSpec<Position>[]>(() => {
    const rowTarget = { connection, accountId, accountNumber };
    const partial: Availability = partialReason === null ? ALWAYS : { available: false, reason: partialReason };
    return [
      ...DATA_COLUMNS,
      {
        id: 'actions',
        pinEnd: true,
        header: '',
        // Room for a two-line badge beside both buttons, so a row in flight keeps its width.
        minWidth: 196,
        grow: 0.5,
        cell: (p) => <PositionActions position={p} target={rowTarget} partial={partial} />,
      },
    ];
    // Primitive dependencies keep the columns, and so every memoised row, stable across polls.
  }, [connection, accountId, accountNumber, partialReason]);

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
