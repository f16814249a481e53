import type { ClosedTrade } from '../../../shared/domain';
import { formatDecimal, formatSigned, formatTimestamp, MISSING, signTone } from '../../lib/format';
import { Badge } from '../common/StatusBadge';
import { VirtualTable, type ColumnSpec } from './VirtualTable';

const num = (value: string | null) => <span className="num">{formatDecimal(value)}</span>;

const COLUMNS: ColumnSpec<ClosedTrade>[] = [
  { id: 'symbol', header: 'Symbol', minWidth: 80, sort: { kind: 'text', value: (t) => t.symbol }, cell: (t) => <strong>{t.symbol}</strong> },
  {
    id: 'side',
    header: 'Side',
    minWidth: 76,
    grow: 0.5,
    sort: { kind: 'text', value: (t) => t.side },
    cell: (t) => <Badge tone={t.side === 'long' ? 'positive' : 'negative'}>{t.side}</Badge>,
  },
  { id: 'quantity', header: 'Quantity', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.quantity }, cell: (t) => num(t.quantity) },
  { id: 'openPrice', header: 'Open price', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.openPrice }, cell: (t) => num(t.openPrice) },
  { id: 'closePrice', header: 'Close price', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.closePrice }, cell: (t) => num(t.closePrice) },
  {
    id: 'profit',
    header: 'Profit',
    minWidth: 100,
    align: 'end',
    sort: { kind: 'decimal', value: (t) => t.profit },
    cell: (t) => <span className={`num pnl-${signTone(t.profit)}`}>{formatSigned(t.profit)}</span>,
  },
  {
    id: 'closedAt',
    header: 'Closed',
    minWidth: 160,
    sort: { kind: 'time', value: (t) => t.closedAt },
    cell: (t) => <span className="num">{t.closedAt ? formatTimestamp(t.closedAt) : MISSING}</span>,
  },
];

const INITIAL_SORT = { columnId: 'closedAt', desc: true };
const tradeRowId = (trade: ClosedTrade) => trade.id;

export function ClosedTradesTable({ trades, accountNumber }: { trades: readonly ClosedTrade[]; accountNumber: string }) {
  return (
    <VirtualTable
      label={`Closed trades in account ${accountNumber}`}
      items={trades}
      columns={COLUMNS}
      getRowId={tradeRowId}
      testIdPrefix="closed-trade-row"
      initialSort={INITIAL_SORT}
    />
  );
}
