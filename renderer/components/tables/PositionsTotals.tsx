import { useMemo } from 'react';
import type { Position } from '../../../shared/domain';
import { formatMoney, formatSignedMoney, plural, signTone } from '../../lib/format';
import { positionTotals } from '../../lib/positionTotals';
import './PositionsTotals.css';

const counted = (count: number, noun: string) => `${count.toLocaleString('en-US')} ${plural(count, noun)}`;

/**
 * The positions table's footer: count, long and short market value and unrealised P&L of the positions the filter
 * shows, in the account currency. Values a broker gives in the quote currency are left out and said to be.
 */
export function PositionsTotals({ positions, total, currency }: { positions: readonly Position[]; total: number; currency: string | null }) {
  const totals = useMemo(() => positionTotals(positions), [positions]);
  const unit = currency ? ` ${currency}` : '';
  const scope = totals.count === total ? `Totals of ${counted(totals.count, 'position')}` : `Totals of ${totals.count.toLocaleString('en-US')} shown (of ${total.toLocaleString('en-US')})`;
  const aside = [
    totals.quoteValued > 0 ? `${counted(totals.quoteValued, 'market value')} in the instrument's quote currency left out` : null,
    totals.unvalued > 0 ? `${counted(totals.unvalued, 'position')} with no market value` : null,
  ].filter((part): part is string => part !== null);
  return (
    <div className="positions-totals" role="group" aria-label="Positions totals" data-testid="positions-totals">
      <span className="totals-scope">{scope}</span>
      <dl className="totals-values">
        <div>
          <dt>Long</dt>
          <dd className="num" title={`${totals.long}${unit}`} data-testid="totals-long">{formatMoney(totals.long)}{unit}</dd>
        </div>
        <div>
          <dt>Short</dt>
          <dd className="num" title={`${totals.short}${unit}`} data-testid="totals-short">{formatMoney(totals.short)}{unit}</dd>
        </div>
        <div>
          <dt>Unrealised P&amp;L</dt>
          <dd className={`num pnl-${signTone(totals.unrealizedPnl)}`} title={`${totals.unrealizedPnl}${unit}`} data-testid="totals-pnl">
            {formatSignedMoney(totals.unrealizedPnl)}{unit}
          </dd>
        </div>
      </dl>
      {aside.length > 0 ? <span className="muted totals-aside">{aside.join('; ')}.</span> : null}
    </div>
  );
}
