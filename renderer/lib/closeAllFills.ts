import type { CloseAllItem } from '../../shared/actions';
import { fillPricePhrase, realisedPnlText } from '../../shared/fillText';
import { formatDecimal } from './format';

const STATE_WORDS: Partial<Record<CloseAllItem['state'], string>> = {
  filled: 'filled',
  partly_filled: 'partly filled',
  accepted: 'still working',
  rejected: 'not filled',
};

/** The positions of a followed close all, each with its fill: what the Actions panel lists under the entry. */
export function followedItems(items: readonly CloseAllItem[]): CloseAllItem[] {
  return items.filter((item) => item.fill !== undefined);
}

/** "AAPL filled 12 at 187.20, P&L 120.00 USD (estimated)"; a partial one says what stays open. */
export function fillLine(item: CloseAllItem): string {
  const fill = item.fill;
  if (!fill) return `${item.symbol} ${item.state}`;
  const realised = realisedPnlText(fill);
  const pnl = realised === null ? '' : `, P&L ${realised}${fill.realizedPnlEstimated ? ' (estimated)' : ''}`;
  const left = item.remaining === undefined || item.state !== 'partly_filled' ? '' : `; ${formatDecimal(item.remaining)} stay open`;
  return `${item.symbol} ${STATE_WORDS[item.state] ?? item.state} ${formatDecimal(fill.filledQuantity)}${fillPricePhrase(fill)}${pnl}${left}`;
}
