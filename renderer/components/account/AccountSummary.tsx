import { useQuery } from '@tanstack/react-query';
import type { AccountBalances, ConnectionSummary } from '../../../shared/domain';
import { balancesQuery } from '../../api/queries';
import { formatMoney, formatSignedMoney, MISSING, signTone } from '../../lib/format';
import './AccountSummary.css';

interface Figure {
  key: 'equity' | 'cash' | 'buyingPower' | 'dayPnl';
  label: string;
  /** How the tooltip names it when the broker does not report it. */
  noun: string;
  signed?: true;
}

function figuresOf(balances: AccountBalances): Figure[] {
  return [
    { key: 'equity', label: 'Equity', noun: 'equity' },
    balances.buyingPowerKind === 'free_margin' ? { key: 'cash', label: 'Balance', noun: 'a balance' } : { key: 'cash', label: 'Cash', noun: 'cash' },
    balances.buyingPowerKind === 'free_margin'
      ? { key: 'buyingPower', label: 'Free margin', noun: 'free margin' }
      : { key: 'buyingPower', label: 'Buying power', noun: 'buying power' },
    { key: 'dayPnl', label: 'Day P&L', noun: "the day's P&L", signed: true },
  ];
}

/**
 * The account's money beside its name. A figure the broker does not report is shown absent with a tooltip saying so,
 * never as 0; each shown figure has its exact value in its tooltip.
 */
export function AccountSummary({ connection, accountId, fallbackCurrency }: { connection: ConnectionSummary; accountId: string; fallbackCurrency: string | null }) {
  const balances = useQuery(balancesQuery(connection.name, accountId));
  if (!balances.data) {
    return balances.isError ? <p className="account-summary state-error">Balances could not be read: {balances.error.message}</p> : null;
  }
  const data = balances.data;
  const currency = data.currency ?? fallbackCurrency;
  return (
    <dl className="account-summary" aria-label="Account balances">
      {figuresOf(data).map((figure) => {
        const value = data[figure.key];
        const text = figure.signed ? formatSignedMoney(value) : formatMoney(value);
        return (
          <div key={figure.key} className="account-figure" data-testid={`balance-${figure.key}`}>
            <dt>{figure.label}</dt>
            {value === null ? (
              <dd className="muted" title={`${connection.capabilities.displayName} does not report ${figure.noun} for this account.`}>
                {MISSING}
              </dd>
            ) : (
              <dd className={`num${figure.signed ? ` pnl-${signTone(value)}` : ''}`} title={`${value}${currency ? ` ${currency}` : ''}`}>
                {text}
                {currency ? <span className="currency"> {currency}</span> : null}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}
