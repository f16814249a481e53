import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState, type KeyboardEvent } from 'react';
import type { ConnectionSummary, Order } from '../../shared/domain';
import { historyQuery, ordersQuery } from '../api/queries';
import { filterRows } from '../lib/rowFilter';
import { useDialogActions, type AccountTarget } from '../state/dialogs';
import { selectionKey, useRowSelection } from '../state/rowSelection';
import { ActionButton } from './common/ActionButton';
import { QueryStatus } from './common/QueryStatus';
import { TableFilter } from './common/TableFilter';
import { UpdatedAt } from './common/UpdatedAt';
import { ClosedTradesTable, historyColumnOptions } from './tables/ClosedTradesTable';
import { ColumnChooser, useShownColumns } from './tables/ColumnChooser';
import { DEFAULT_ORDER_COLUMNS, ORDER_COLUMN_OPTIONS, OrdersTable } from './tables/OrdersTable';
import './ActivitySection.css';

type Tab = 'orders' | 'history';

const symbolOf = (order: Order) => order.symbol;

/** The account's orders, and its closed trades where the broker keeps a close history, as two tabs. */
export function ActivitySection({ connection, target }: { connection: ConnectionSummary; target: AccountTarget }) {
  const caps = connection.capabilities;
  const historyAvailable = caps.closeHistory.available;
  const [tab, setTab] = useState<Tab>('orders');
  const orders = useQuery(ordersQuery(target.connection, target.accountId));
  const history = useQuery({ ...historyQuery(target.connection, target.accountId), enabled: tab === 'history' && historyAvailable });
  const active = tab === 'history' ? history : orders;
  const [orderQuery, setOrderQuery] = useState('');
  const deferredQuery = useDeferredValue(orderQuery);
  const shownOrders = useMemo(() => filterRows(orders.data ?? [], deferredQuery, symbolOf), [orders.data, deferredQuery]);
  const orderCount = orders.data?.length ?? 0;
  const workingCount = orders.data?.filter((order) => order.open).length ?? 0;
  const picked = useRowSelection(selectionKey('orders', target.connection, target.accountId)).ids.size;
  const { openDialog } = useDialogActions();
  const shownOrderColumns = useShownColumns('orders', connection.broker, ORDER_COLUMN_OPTIONS, DEFAULT_ORDER_COLUMNS[connection.broker]);
  const historyOptions = historyColumnOptions(caps.closeHistoryTitle);
  const shownHistoryColumns = useShownColumns('history', connection.broker, historyOptions, historyOptions.map((option) => option.id));

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && historyAvailable) {
      event.preventDefault();
      const next = tab === 'orders' ? 'history' : 'orders';
      setTab(next);
      document.getElementById(`activity-tab-${next}`)?.focus();
    }
  };

  return (
    <section className="table-section table-section-orders" aria-label="Orders and closed trades" data-empty={tab === 'orders' && orders.data !== undefined && orderCount === 0}>
      <div className="section-bar">
        <div role="tablist" aria-label="Orders and closed trades" className="tabs" onKeyDown={onKeyDown}>
          <button
            type="button"
            role="tab"
            id="activity-tab-orders"
            aria-selected={tab === 'orders'}
            aria-controls="activity-panel"
            tabIndex={tab === 'orders' ? 0 : -1}
            className="tab"
            onClick={() => setTab('orders')}
          >
            Orders
            {orders.data ? <span className="count">{orders.data.length}</span> : null}
          </button>
          <button
            type="button"
            role="tab"
            id="activity-tab-history"
            aria-selected={tab === 'history'}
            aria-controls="activity-panel"
            tabIndex={tab === 'history' ? 0 : -1}
            className="tab"
            disabled={!historyAvailable}
            title={caps.closeHistory.available ? undefined : caps.closeHistory.reason}
            onClick={() => setTab('history')}
          >
            {caps.closeHistoryTitle}
            {tab === 'history' && history.data ? <span className="count">{history.data.length}</span> : null}
          </button>
        </div>
        {tab === 'orders' && orderCount > 0 ? (
          <TableFilter label="Filter orders by symbol" query={orderQuery} onQuery={setOrderQuery} shown={shownOrders.length} total={orderCount} />
        ) : null}
        {tab === 'orders' && orderCount > 0 ? (
          <ActionButton
            compact
            variant="danger"
            availability={
              !caps.cancelOrder.available ? caps.cancelOrder : picked === 0 ? { available: false, reason: 'Pick orders first: Space, Shift+arrows, Ctrl+A or a click.' } : { available: true }
            }
            shortcut="X"
            onClick={() => openDialog({ kind: 'cancelSelected', target })}
          >
            {`Cancel picked (${picked.toLocaleString('en-US')})…`}
          </ActionButton>
        ) : null}
        {tab === 'orders' ? (
          <ActionButton
            compact
            variant="danger"
            availability={!caps.cancelAllOrders.available ? caps.cancelAllOrders : workingCount === 0 ? { available: false, reason: 'No working orders.' } : { available: true }}
            onClick={() => openDialog({ kind: 'cancelAllOrders', target })}
          >
            Cancel all orders…
          </ActionButton>
        ) : null}
        {tab === 'orders' && !caps.cancelOrder.available ? <span className="reason" title={`Cancel: ${caps.cancelOrder.reason}`}>Cancel: {caps.cancelOrder.reason}</span> : null}
        {caps.closeHistory.available ? null : (
          <span className="reason" title={`${caps.closeHistoryTitle}: ${caps.closeHistory.reason}`}>
            {caps.closeHistoryTitle}: {caps.closeHistory.reason}
          </span>
        )}
        <UpdatedAt at={active.dataUpdatedAt} fetching={active.isFetching} />
        {tab === 'orders' ? (
          <ColumnChooser table="orders" broker={connection.broker} label="Orders columns" options={ORDER_COLUMN_OPTIONS} shown={shownOrderColumns} />
        ) : (
          <ColumnChooser table="history" broker={connection.broker} label={`${caps.closeHistoryTitle} columns`} options={historyOptions} shown={shownHistoryColumns} />
        )}
      </div>
      <div id="activity-panel" role="tabpanel" aria-labelledby={`activity-tab-${tab}`} className="tab-panel">
        {tab === 'orders' ? (
          <QueryStatus query={orders} noun="orders" isEmpty={(list) => list.length === 0} emptyText="No working orders in this account.">
            {() =>
              shownOrders.length === 0 ? (
                <p className="state">No order's symbol contains “{deferredQuery.trim()}”.</p>
              ) : (
                <OrdersTable orders={shownOrders} target={target} cancel={caps.cancelOrder} shown={shownOrderColumns} filter={deferredQuery} />
              )
            }
          </QueryStatus>
        ) : (
          <QueryStatus
            query={history}
            noun={caps.closeHistoryTitle.toLowerCase()}
            isEmpty={(list) => list.length === 0}
            emptyText={caps.closeHistoryTitle === 'Fills' ? 'No fills in this account today.' : 'No closed trades in this account.'}
          >
            {(list) => <ClosedTradesTable trades={list} accountNumber={target.accountNumber} title={caps.closeHistoryTitle} shown={shownHistoryColumns} />}
          </QueryStatus>
        )}
      </div>
    </section>
  );
}
