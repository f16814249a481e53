import { useMemo } from 'react';
import type { Availability, PartialCloseUnit } from '../../../shared/brokers';
import type { Position } from '../../../shared/domain';
import { actionKeys } from '../../api/actions';
import { formatClock, formatDecimal, formatPercent, formatSigned, signTone } from '../../lib/format';
import { useDialogActions, type AccountTarget } from '../../state/dialogs';
import { useInFlight } from '../../state/inFlight';
import { ActionButton } from '../common/ActionButton';
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
  const inFlight = useInFlight(actionKeys.closePosition(target, position.id));
  if (inFlight) {
    return (
      <span className="in-flight" title={`${inFlight.label}: sent at ${formatClock(inFlight.since)}, waiting for the broker.`}>
        Closing…
      </span>
    );
  }
  return (
    <span className="row-actions">
      <ActionButton
        compact
        availability={ALWAYS}
        label={`Close ${position.symbol}`}
        onClick={() => openDialog({ kind: 'closePosition', target, positionId: position.id, mode: 'all' })}
      >
        Close
      </ActionButton>
      <ActionButton
        compact
        availability={partial}
        label={`Partial close of ${position.symbol}`}
        onClick={() => openDialog({ kind: 'closePosition', target, positionId: position.id, mode: 'quantity' })}
      >
        Partial…
      </ActionButton>
    </span>
  );
}

const DATA_COLUMNS: ColumnSpec<Position>[] = [
  { id: 'symbol', header: 'Symbol', minWidth: 80, sort: { kind: 'text', value: (p) => p.symbol }, cell: (p) => <strong>{p.symbol}</strong> },
  {
    id: 'side',
    header: 'Side',
    minWidth: 76,
    grow: 0.5,
    sort: { kind: 'text', value: (p) => p.side },
    cell: (p) => <Badge tone={p.side === 'long' ? 'positive' : 'negative'}>{p.side}</Badge>,
  },
  { id: 'quantity', header: 'Quantity', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (p) => p.quantity }, cell: (p) => <Num value={p.quantity} /> },
  { id: 'available', header: 'Available', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (p) => p.available }, cell: (p) => <Num value={p.available} /> },
  { id: 'avgPrice', header: 'Avg price', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (p) => p.avgPrice }, cell: (p) => <Num value={p.avgPrice} /> },
  { id: 'lastPrice', header: 'Last price', minWidth: 76, align: 'end', sort: { kind: 'decimal', value: (p) => p.lastPrice }, cell: (p) => <Num value={p.lastPrice} /> },
  {
    id: 'marketValue',
    header: 'Market value',
    minWidth: 100,
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
    minWidth: 90,
    align: 'end',
    sort: { kind: 'decimal', value: (p) => p.unrealizedPnlPct },
    cell: (p) => <Pnl value={p.unrealizedPnlPct} percent />,
  },
];

const INITIAL_SORT = [{ id: 'symbol', desc: false }];

export function PositionsTable({ positions, target, partialClose }: { positions: readonly Position[]; target: AccountTarget; partialClose: PartialCloseUnit }) {
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
        minWidth: 146,
        grow: 0.5,
        cell: (p) => <PositionActions position={p} target={rowTarget} partial={partial} />,
      },
    ];
    // Primitive dependencies keep the columns, and so every memoised row, stable across polls.
  }, [connection, accountId, accountNumber, partialReason]);

  return (
    <VirtualTable
      label={`Positions in account ${accountNumber}`}
      items={positions}
      columns={columns}
      getRowId={(p) => p.id}
      testIdPrefix="position-row"
      initialSort={INITIAL_SORT}
    />
  );
}
