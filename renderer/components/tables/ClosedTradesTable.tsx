import type { ClosedTrade } from '../../../shared/domain';
import { formatDecimal, formatSigned, formatTimestamp, MISSING, signTone } from '../../lib/format';
import { Badge } from '../common/StatusBadge';
import { VirtualTable, type ColumnSpec } from './VirtualTable';

const num = (value: string | null) => <span className="num">{formatDecimal(value)}</span>;

const symbolColumn: ColumnSpec<ClosedTrade> = { id: 'symbol', header: 'Symbol', minWidth: 80, sort: { kind: 'text', value: (t) => t.symbol }, cell: (t) => <strong>{t.symbol}</strong> };
const quantityColumn: ColumnSpec<ClosedTrade> = { id: 'quantity', header: 'Quantity', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.quantity }, cell: (t) => num(t.quantity) };

const CLOSED_TRADE_COLUMNS: ColumnSpec<ClosedTrade>[] = [
  symbolColumn,
  {
    id: 'side',
    header: 'Side',
    minWidth: 76,
    grow: 0.5,
    sort: { kind: 'text', value: (t) => t.side },
    cell: (t) => <Badge tone={t.side === 'long' ? 'positive' : 'negative'}>{t.side}</Badge>,
  },
  quantityColumn,
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

/** A filled order of the day: its own side, and the price it filled at; brokers that report fills give no profit per order. */
const FILL_COLUMNS: ColumnSpec<ClosedTrade>[] = [
  symbolColumn,
  {
    id: 'side',
    header: 'Side',
    minWidth: 76,
    grow: 0.5,
    sort: { kind: 'text', value: (t) => t.orderSide ?? t.side },
    cell: (t) => <Badge tone={t.orderSide === 'buy' ? 'positive' : 'negative'}>{t.orderSide ?? t.side}</Badge>,
  },
  { ...quantityColumn, header: 'Filled' },
  { id: 'closePrice', header: 'Fill price', minWidth: 90, align: 'end', sort: { kind: 'decimal', value: (t) => t.closePrice }, cell: (t) => num(t.closePrice) },
  {
    id: 'closedAt',
    header: 'Time',
    minWidth: 160,
    sort: { kind: 'time', value: (t) => t.closedAt },
    cell: (t) => <span className="num">{t.closedAt ? formatTimestamp(t.closedAt) : MISSING}</span>,
  },
];

const INITIAL_SORT = { columnId: 'closedAt', desc: true };
const tradeRowId = (trade: ClosedTrade) => trade.id;

export function ClosedTradesTable({ trades, accountNumber, title }: { trades: readonly ClosedTrade[]; accountNumber: string; title: 'Fills' | 'Closed trades' }) {
  return (
    <VirtualTable
      label={`${title} in account ${accountNumber}`}
      items={trades}
      columns={title === 'Fills' ? FILL_COLUMNS : CLOSED_TRADE_COLUMNS}
      getRowId={tradeRowId}
      testIdPrefix="closed-trade-row"
      initialSort={INITIAL_SORT}
    />
  );
}
