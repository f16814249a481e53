import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Availability } from '../../shared/brokers';
import type { Account, ConnectionSummary, Position } from '../../shared/domain';
import { balancesQuery, positionsQuery, queryKeys } from '../api/queries';
import { useAccountShortcuts } from '../hooks/useAccountShortcuts';
import { signTone } from '../lib/format';
import { pickSameKey, pickWhere } from '../lib/rowSelection';
import { selectionKey, useRowSelection, useRowSelectionActions } from '../state/rowSelection';
import { AccountSummary } from './account/AccountSummary';
import { filterRows } from '../lib/rowFilter';
import { useDialogActions, type AccountTarget } from '../state/dialogs';
import { ActionButton } from './common/ActionButton';
import { QueryStatus } from './common/QueryStatus';
import { StatusBadge } from './common/StatusBadge';
import { TableFilter } from './common/TableFilter';
import { UpdatedAt } from './common/UpdatedAt';
import { ActivitySection } from './ActivitySection';
import { ColumnChooser } from './tables/ColumnChooser';
import { PositionsTable, usePositionColumns } from './tables/PositionsTable';
import { PositionsTotals } from './tables/PositionsTotals';
import './AccountView.css';

const symbolOf = (position: Position) => position.symbol;
const idOf = (position: Position) => position.id;
const closable = (position: Position) => position.notClosable === undefined;

/** Picks rows by a rule and acts on the picked ones: close losers, winners, or every row of the picked symbols. */
function SelectionBar({ target, shown }: { target: AccountTarget; shown: readonly Position[] }) {
  const key = selectionKey('positions', target.connection, target.accountId);
  const selection = useRowSelection(key);
  const { setSelection } = useRowSelectionActions();
  const { openDialog } = useDialogActions();
  const count = selection.ids.size;
  const pick = (passes: (position: Position) => boolean) => setSelection(key, pickWhere(shown, idOf, (position) => closable(position) && passes(position)));
  return (
    <div className="selection-bar" role="toolbar" aria-label="Picked positions">
      <span className="muted" role="status">
        {count === 0 ? 'None picked' : `${count.toLocaleString('en-US')} picked`}
      </span>
      <button type="button" className="button button-small" onClick={() => pick((position) => signTone(position.unrealizedPnl) === 'negative')}>
        Pick losers
      </button>
      <button type="button" className="button button-small" onClick={() => pick((position) => signTone(position.unrealizedPnl) === 'positive')}>
        Pick winners
      </button>
      <button type="button" className="button button-small" disabled={count === 0} onClick={() => setSelection(key, pickSameKey(shown, selection, idOf, symbolOf))}>
        Pick same symbols
      </button>
      <ActionButton
        compact
        variant="danger"
        availability={count === 0 ? { available: false, reason: 'Pick rows first: Space, Shift+arrows, Ctrl+A or a click.' } : { available: true }}
        shortcut="C"
        onClick={() => openDialog({ kind: 'closeSelected', target })}
      >
        {`Close picked (${count.toLocaleString('en-US')})…`}
      </ActionButton>
    </div>
  );
}

export function AccountView({ connection, account }: { connection: ConnectionSummary; account: Account }) {
  const caps = connection.capabilities;
  const target: AccountTarget = { connection: connection.name, accountId: account.id, accountNumber: account.number };
  const positions = useQuery(positionsQuery(connection.name, account.id));
  const { openDialog } = useDialogActions();
  const queryClient = useQueryClient();
  const [positionQuery, setPositionQuery] = useState('');
  // Typing stays instant while ten thousand rows are filtered behind it.
  const deferredQuery = useDeferredValue(positionQuery);
  const shownPositions = useMemo(() => filterRows(positions.data ?? [], deferredQuery, symbolOf), [positions.data, deferredQuery]);

  const positionCount = positions.data?.length ?? 0;
  const positionColumns = usePositionColumns(connection.broker, caps.ticketFields);
  const currency = useQuery(balancesQuery(connection.name, account.id)).data?.currency ?? account.currency;
  const closeAll: Availability = !positions.data
    ? { available: false, reason: 'Positions are still loading.' }
    : positionCount === 0
      ? { available: false, reason: 'No open positions.' }
      : { available: true };

  useAccountShortcuts({
    closeAll: () => {
      if (closeAll.available) openDialog({ kind: 'closeAll', target });
    },
    refresh: () => void queryClient.invalidateQueries({ queryKey: queryKeys.account(connection.name, account.id) }),
  });

  return (
    <section className="panel panel-account" aria-labelledby="account-heading">
      <header className="account-header">
        <div className="account-identity">
          <h2 id="account-heading">{account.number}</h2>
          <StatusBadge status={account.status} tone={account.statusTone} />
          <span className="account-title-name">{account.name}</span>
          {account.currency ? <span className="muted">{account.currency}</span> : null}
          <AccountSummary connection={connection} accountId={account.id} fallbackCurrency={account.currency} />
        </div>
        <div className="toolbar">
          <ActionButton variant="danger" availability={closeAll} shortcut="Shift+C" onClick={() => openDialog({ kind: 'closeAll', target })}>
            Close all positions…
          </ActionButton>
          <ActionButton variant="danger" availability={caps.closeAccount} onClick={() => openDialog({ kind: 'closeAccount', target })}>
            Close account…
          </ActionButton>
        </div>
      </header>

      <section className="table-section table-section-positions" aria-labelledby="positions-heading" data-empty={positions.data !== undefined && positionCount === 0}>
        <div className="section-bar">
          <h3 id="positions-heading">Positions</h3>
          {positions.data ? <span className="count">{positionCount}</span> : null}
          {positionCount > 0 ? (
            <TableFilter label="Filter positions by symbol" query={positionQuery} onQuery={setPositionQuery} shown={shownPositions.length} total={positionCount} takesFindShortcut />
          ) : null}
          {caps.partialClose.kind === 'none' ? <span className="reason" title={`Partial close: ${caps.partialClose.reason}`}>Partial close: {caps.partialClose.reason}</span> : null}
          <UpdatedAt at={positions.dataUpdatedAt} fetching={positions.isFetching} />
          <ColumnChooser table="positions" broker={connection.broker} label="Positions columns" options={positionColumns.options} shown={positionColumns.shown} />
        </div>
        {positionCount > 0 ? <SelectionBar target={target} shown={shownPositions} /> : null}
        <QueryStatus query={positions} noun="positions" isEmpty={(list) => list.length === 0} emptyText="No open positions in this account.">
          {() =>
            shownPositions.length === 0 ? (
              <p className="state">No position's symbol contains “{deferredQuery.trim()}”.</p>
            ) : (
              <>
                <PositionsTable positions={shownPositions} target={target} partialClose={caps.partialClose} currency={currency} shown={positionColumns.shown} filter={deferredQuery} />
                <PositionsTotals positions={shownPositions} total={positionCount} currency={currency} />
              </>
            )
          }
        </QueryStatus>
      </section>

      <ActivitySection connection={connection} target={target} />
    </section>
  );
}
