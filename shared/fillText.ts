import type { FillReport } from './actions';
import { formatAmount, formatPrice } from './numberFormat';

/**
 * A fill's figures as every message writes them, in the core, the command and the window alike: the price with its
 * instrument's decimals, realised P&L as money in the account currency.
 */

/** " at 187.20", or nothing when no price is known. */
export function fillPricePhrase(fill: Pick<FillReport, 'avgPrice' | 'priceScale'>): string {
  return fill.avgPrice === null ? '' : ` at ${formatPrice(fill.avgPrice, fill.priceScale)}`;
}

/** "1,234.50 USD": the currency's places, and its code where the account's is known; null when there is no P&L. */
export function realisedPnlText(fill: Pick<FillReport, 'realizedPnl' | 'currency'>): string | null {
  return fill.realizedPnl === null ? null : formatAmount(fill.realizedPnl, fill.currency);
}
