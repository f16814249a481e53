import type { ClosedTrade } from '../../../shared/domain';
import { useMemo } from 'react';
import type { BrokerCapabilities } from '../../../shared/brokers';
import type { ColumnOption } from '../../lib/columnChoice';
import { formatDecimal, formatPrice, formatQuantity, formatSignedMoney, formatTimestamp, MISSING, signTone } from '../../lib/format';
import type { FigureValue } from '../common/Figure';
import { Badge } from '../common/StatusBadge';
import { VirtualTable, type ColumnSpec } from './VirtualTable';

const exactOf = (value: string | null) => (value === null ? undefined : formatDecimal(value));
// Prices round to the instrument's scale, as the positions table rounds them.
const price = (value: string | null, t: ClosedTrade): FigureValue => ({ text: formatPrice(value, t.priceScale), exact: exactOf(value) });

const symbolColumn: ColumnSpec<ClosedTrade> = { id: 'symbol', header: 'Symbol', minWidth: 80, sort: { kind: 'text', value: (t) => t.symbol }, cell: (t) => <strong>{t.symbol}</strong> };
const quantityColumn: ColumnSpec<ClosedTrade> = { id: 'quantity', header: 'Quantity', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.quantity }, figure: (t) => ({ text: formatQuantity(t.quantity), exact: exactOf(t.quantity) }) };

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
  { id: 'openPrice', header: 'Open price', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.openPrice }, figure: (t) => price(t.openPrice, t) },
  { id: 'closePrice', header: 'Close price', minWidth: 80, align: 'end', sort: { kind: 'decimal', value: (t) => t.closePrice }, figure: (t) => price(t.closePrice, t) },
  {
    id: 'profit',
    header: 'Profit',
    minWidth: 100,
    align: 'end',
    sort: { kind: 'decimal', value: (t) => t.profit },
    figure: (t) => ({ text: formatSignedMoney(t.profit), exact: exactOf(t.profit), tone: signTone(t.profit) }),
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
  { id: 'closePrice', header: 'Fill price', minWidth: 90, align: 'end', sort: { kind: 'decimal', value: (t) => t.closePrice }, figure: (t) => price(t.closePrice, t) },
  {
    id: 'closedAt',
    header: 'Time',
    minWidth: 160,
    sort: { kind: 'time', value: (t) => t.closedAt },
    cell: (t) => <span className="num">{t.closedAt ? formatTimestamp(t.closedAt) : MISSING}</span>,
  },
];

type HistoryTitle = BrokerCapabilities['closeHistoryTitle'];

const INITIAL_SORT = { columnId: 'closedAt', desc: true };
const tradeRowId = (trade: ClosedTrade) => trade.id;

const columnsOf = (title: HistoryTitle) => (title === 'Fills' ? FILL_COLUMNS : CLOSED_TRADE_COLUMNS);
const FILL_OPTIONS: readonly ColumnOption[] = FILL_COLUMNS.map(({ id, header }) => ({ id, header }));
const CLOSED_TRADE_OPTIONS: readonly ColumnOption[] = CLOSED_TRADE_COLUMNS.map(({ id, header }) => ({ id, header }));

/** The history table's columns for the chooser; all are shown before any choice. */
export function historyColumnOptions(title: HistoryTitle): readonly ColumnOption[] {
  return title === 'Fills' ? FILL_OPTIONS : CLOSED_TRADE_OPTIONS;
}

export function ClosedTradesTable({ trades, accountNumber, title, shown }: { trades: readonly ClosedTrade[]; accountNumber: string; title: HistoryTitle; shown: ReadonlySet<string> }) {
  const shownKey = [...shown].join(',');
  const columns = useMemo(() => {
    const ids = new Set(shownKey.split(','));
    return columnsOf(title).filter((column) => ids.has(column.id));
  }, [title, shownKey]);
  return (
    <VirtualTable
      label={`${title} in account ${accountNumber}`}
      items={trades}
      columns={columns}
      getRowId={tradeRowId}
      testIdPrefix="closed-trade-row"
      initialSort={INITIAL_SORT}
    />
  );
}
