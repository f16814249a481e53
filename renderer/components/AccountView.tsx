import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Availability } from '../../shared/brokers';
import type { Account, ConnectionSummary, Position } from '../../shared/domain';
import { positionsQuery } from '../api/queries';
import { filterRows } from '../lib/rowFilter';
import { useDialogActions, type AccountTarget } from '../state/dialogs';
import { ActionButton } from './common/ActionButton';
import { QueryStatus } from './common/QueryStatus';
import { StatusBadge } from './common/StatusBadge';
import { TableFilter } from './common/TableFilter';
import { UpdatedAt } from './common/UpdatedAt';
import { ActivitySection } from './ActivitySection';
import { PositionsTable } from './tables/PositionsTable';
import './AccountView.css';

const symbolOf = (position: Position) => position.symbol;

export function AccountView({ connection, account }: { connection: ConnectionSummary; account: Account }) {
  const caps = connection.capabilities;
  const target: AccountTarget = { connection: connection.name, accountId: account.id, accountNumber: account.number };
  const positions = useQuery(positionsQuery(connection.name, account.id));
  const { openDialog } = useDialogActions();
  const [positionQuery, setPositionQuery] = useState('');
  // Typing stays instant while ten thousand rows are filtered behind it.
  const deferredQuery = useDeferredValue(positionQuery);
  const shownPositions = useMemo(() => filterRows(positions.data ?? [], deferredQuery, symbolOf), [positions.data, deferredQuery]);

  const positionCount = positions.data?.length ?? 0;
  const closeAll: Availability = !positions.data
    ? { available: false, reason: 'Positions are still loading.' }
    : positionCount === 0
      ? { available: false, reason: 'No open positions.' }
      : { available: true };

  return (
    <section className="panel panel-account" aria-labelledby="account-heading">
      <header className="account-header">
        <div className="account-identity">
          <h2 id="account-heading">{account.number}</h2>
          <StatusBadge status={account.status} tone={account.statusTone} />
          <span className="account-title-name">{account.name}</span>
          {account.currency ? <span className="muted">{account.currency}</span> : null}
        </div>
        <div className="toolbar">
          <ActionButton variant="danger" availability={closeAll} onClick={() => openDialog({ kind: 'closeAll', target })}>
            Close all positions…
          </ActionButton>
          <ActionButton variant="danger" availability={caps.closeAccount} onClick={() => openDialog({ kind: 'closeAccount', target })}>
            Close account…
          </ActionButton>
        </div>
      </header>

      <section className="table-section table-section-positions" aria-labelledby="positions-heading">
        <div className="section-bar">
          <h3 id="positions-heading">Positions</h3>
          {positions.data ? <span className="count">{positionCount}</span> : null}
          {positionCount > 0 ? (
            <TableFilter label="Filter positions by symbol" query={positionQuery} onQuery={setPositionQuery} shown={shownPositions.length} total={positionCount} takesFindShortcut />
          ) : null}
          {caps.partialClose.kind === 'none' ? <span className="reason" title={`Partial close: ${caps.partialClose.reason}`}>Partial close: {caps.partialClose.reason}</span> : null}
          <UpdatedAt at={positions.dataUpdatedAt} fetching={positions.isFetching} />
        </div>
        <QueryStatus query={positions} noun="positions" isEmpty={(list) => list.length === 0} emptyText="No open positions in this account.">
          {() =>
            shownPositions.length === 0 ? (
              <p className="state">No position's symbol contains “{deferredQuery.trim()}”.</p>
            ) : (
              <PositionsTable positions={shownPositions} target={target} partialClose={caps.partialClose} />
            )
          }
        </QueryStatus>
      </section>

      <ActivitySection connection={connection} target={target} />
    </section>
  );
}
