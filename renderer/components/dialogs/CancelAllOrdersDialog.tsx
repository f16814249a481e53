import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { CancelAllOrdersItem, CancelAllOrdersReceipt } from '../../../shared/actions';
import { actionKeys } from '../../api/actions';
import { ordersQuery } from '../../api/queries';
import { useConfirmedSend } from '../../hooks/useConfirmedSend';
import { useConnectionSummary } from '../../hooks/useConnections';
import { plural } from '../../lib/format';
import { needsTypedCount } from '../../lib/typedThreshold';
import { useBlockingAction, useUnresolvedAction } from '../../state/actionLog';
import { useTypedAbove } from '../../state/confirmPrefs';
import type { AccountTarget } from '../../state/dialogs';
import { errorText } from '../common/QueryStatus';
import { Badge } from '../common/StatusBadge';
import { ConfirmFooter } from './ConfirmFooter';
import { OrdersToCancelTable } from './OrdersToCancelTable';
import { DialogFrame, DismissButton } from './DialogFrame';
import { EarlierNote, PriorActionNote, SendResult, SendSentence } from './confirmationBlocks';

function itemDetail(item: CancelAllOrdersItem): string {
  const extras = [item.brokerCode ? `broker code ${item.brokerCode}` : null, item.state === 'rejected' && item.httpStatus ? `HTTP ${item.httpStatus}` : null].filter(Boolean);
  return extras.length > 0 ? `${item.message} (${extras.join(', ')})` : item.message;
}

function CancelAllResults({ receipt }: { receipt: CancelAllOrdersReceipt }) {
  return (
    <div className="results">
      <p role="status">
        {receipt.message}
        {receipt.requestId ? ` Request id ${receipt.requestId}.` : ''}
      </p>
      <table className="result-table" aria-label="Result per order">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Order id</th>
            <th scope="col">Result</th>
            <th scope="col">Broker's answer</th>
          </tr>
        </thead>
        <tbody>
          {receipt.items.map((item) => (
            <tr key={item.orderId} data-testid={`cancel-all-result-${item.orderId}`}>
              <td>
                <strong>{item.symbol}</strong>
              </td>
              <td className="mono">{item.orderId}</td>
              <td>
                <Badge tone={item.state === 'rejected' ? 'negative' : item.state === 'unknown' ? 'warning' : 'positive'}>{item.state}</Badge>
              </td>
              <td>{itemDetail(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Every working order of the account, cancelled by the broker's one bulk request. The list is the one the dialog
 * opened with: the core sends nothing if another order is working by then, since the request would cancel it too.
 */
export function CancelAllOrdersDialog({ target }: { target: AccountTarget }) {
  const connection = useConnectionSummary(target.connection);
  const orders = useQuery(ordersQuery(target.connection, target.accountId));
  const [frozen] = useState(() => (orders.data ? orders.data.filter((order) => order.open) : null));
  const items = frozen ?? orders.data?.filter((order) => order.open) ?? null;
  const { mutation, submit } = useConfirmedSend<'orders:cancelAll'>();
  const accountWide = { connection: target.connection, accountId: target.accountId, kind: 'cancel_all_orders', subject: null } as const;
  const blocking = useBlockingAction(accountWide);
  const unresolved = useUnresolvedAction(accountWide);
  const typedAbove = useTypedAbove();
  const [typed, setTyped] = useState('');
  const typedId = useId();

  const title = `Cancel all orders in ${target.accountNumber}`;
  if (!connection || items === null) {
    return (
      <DialogFrame title={title} description="Every working order in this account, in one request." footer={<DismissButton first>Close</DismissButton>}>
        <p className="state">{orders.isError ? `Could not load orders: ${errorText(orders.error)}` : 'Loading orders…'}</p>
      </DialogFrame>
    );
  }

  const caps = connection.capabilities;
  const count = items.length;
  const typing = needsTypedCount(count, typedAbove);
  const answered = mutation.data;
  const canSend =
    caps.cancelAllOrders.available && count > 0 && !mutation.isPending && blocking === null && !answered && (!typing || typed.trim() === String(count));
  const prior = mutation.isIdle ? (blocking ?? unresolved) : null;

  const onSubmit = (event: FormEvent) =>
    submit(
      event,
      canSend
        ? () => ({
            channel: 'orders:cancelAll',
            request: { connection: target.connection, accountId: target.accountId, orderIds: items.map((order) => order.id) },
            target,
            label: `Cancel all ${count} ${plural(count, 'order')} in account ${target.accountNumber}`,
            key: actionKeys.cancelAllOrders(target),
          })
        : null,
    );

  return (
    <DialogFrame
      wide
      title={title}
      description={`${count} working ${plural(count, 'order')} at ${caps.displayName}, cancelled in one request. Any part already filled stays filled.`}
      onSubmit={onSubmit}
      footer={<ConfirmFooter answered={answered !== undefined} canSend={canSend} pending={mutation.isPending} confirmLabel={`Confirm cancel of all ${count}`} />}
    >
      {answered?.earlier ? (
        <EarlierNote earlier={answered.earlier} message={answered.message} />
      ) : answered ? (
        <CancelAllResults receipt={answered} />
      ) : (
        <>
          {caps.cancelAllOrders.available ? null : <p className="note note-warning">{caps.cancelAllOrders.reason}</p>}
          {count === 0 ? <p className="state">There are no working orders in this account.</p> : null}
          <OrdersToCancelTable orders={items} label="Orders to cancel" rowTestId={(order) => `cancel-all-order-${order.id}`} />
          <p data-testid="cancel-all-total">
            In all: {count} {plural(count, 'order')}.
          </p>
          <SendSentence>
            Closeout will send: one request to cancel all {count} working {plural(count, 'order')} in account {target.accountNumber}.
          </SendSentence>
          {typing ? (
            <div className="field">
              <label htmlFor={typedId}>
                Type <strong className="mono">{count}</strong>, the number of orders, to confirm
              </label>
              <input
                id={typedId}
                className={`input mono ${typed.trim() === String(count) ? 'input-ok' : ''}`}
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                data-autofocus
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
            </div>
          ) : null}
        </>
      )}
      {prior ? <PriorActionNote entry={prior} /> : null}
      <SendResult error={mutation.error} receipt={mutation.data} />
    </DialogFrame>
  );
}
