import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CancelThenCloseReceipt } from '../../../shared/actions';
import { dec } from '../../../shared/decimal';
import type { Order, Position } from '../../../shared/domain';
import { actionKeys } from '../../api/actions';
import { ordersQuery, positionsQuery } from '../../api/queries';
import { useConfirmedSend } from '../../hooks/useConfirmedSend';
import { useConnectionSummary } from '../../hooks/useConnections';
import { formatDecimal, plural, unitWord } from '../../lib/format';
import { holdingOrders } from '../../lib/orders';
import { useBlockingAction } from '../../state/actionLog';
import type { AccountTarget } from '../../state/dialogs';
import { errorText } from '../common/QueryStatus';
import { Badge } from '../common/StatusBadge';
import { ConfirmFooter } from './ConfirmFooter';
import { OrdersToCancelTable } from './OrdersToCancelTable';
import { DialogFrame, DismissButton } from './DialogFrame';
import { PriorActionNote, SendResult, SendSentence } from './confirmationBlocks';

function Steps({ receipt }: { receipt: CancelThenCloseReceipt }) {
  return (
    <div className="results">
      <p role="status" data-testid="cancel-then-close-result">
        {receipt.message}
        {receipt.closeSent && receipt.requestId ? ` Request id ${receipt.requestId}.` : ''}
      </p>
      <table className="result-table" aria-label="Result per step">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Result</th>
            <th scope="col">Broker's answer</th>
          </tr>
        </thead>
        <tbody>
          {receipt.cancels.map((step) => (
            <tr key={step.orderId} data-testid={`cancel-step-${step.orderId}`}>
              <td>
                Cancel {step.symbol} <span className="mono">{step.orderId}</span>
              </td>
              <td>
                <Badge tone={step.state === 'rejected' ? 'negative' : step.state === 'unknown' ? 'warning' : 'positive'}>{step.state}</Badge>
              </td>
              <td>
                {step.message}
                {step.brokerCode ? ` (code ${step.brokerCode})` : ''}
                {step.requestId ? ` (request id ${step.requestId})` : ''}
              </td>
            </tr>
          ))}
          <tr data-testid="close-step">
            <td>Close in full</td>
            <td>{receipt.closeSent ? <Badge tone={receipt.state === 'rejected' ? 'negative' : 'positive'}>{receipt.state}</Badge> : <Badge tone="warning">not sent</Badge>}</td>
            <td>{receipt.closeSent ? receipt.message : 'Not sent: the cancels did not all read back as done.'}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function amountOf(position: Position, value: string): string {
  return `${formatDecimal(value)} ${unitWord(position.unit.name, value)}`;
}

/**
 * One confirmed action for a position partly held by working orders: cancel exactly the orders listed here, then, once
 * the broker shows them cancelled, close the position in full. The list is the one the dialog opened with.
 */
export function CancelThenCloseDialog({ target, positionId }: { target: AccountTarget; positionId: string }) {
  const connection = useConnectionSummary(target.connection);
  const positions = useQuery(positionsQuery(target.connection, target.accountId));
  const orders = useQuery(ordersQuery(target.connection, target.accountId));
  const live = positions.data?.find((candidate) => candidate.id === positionId) ?? null;
  const [frozen] = useState<{ position: Position; orders: Order[] } | null>(() => (live && orders.data ? { position: live, orders: holdingOrders(live, orders.data) } : null));
  const plan = frozen ?? (live && orders.data ? { position: live, orders: holdingOrders(live, orders.data) } : null);
  const { mutation, submit } = useConfirmedSend<'position:cancelThenClose'>();
  const blocking = useBlockingAction({ connection: target.connection, accountId: target.accountId, kind: 'close_position', subject: positionId });

  if (!connection || !plan) {
    const loading = positions.isPending || orders.isPending;
    return (
      <DialogFrame title="Cancel orders, then close" description={`Account ${target.accountNumber}`} footer={<DismissButton first>Close</DismissButton>}>
        <p className="state">
          {loading ? 'Loading the position and its orders…' : positions.isError ? `Could not load positions: ${errorText(positions.error)}` : `${positionId} is no longer open in account ${target.accountNumber}.`}
        </p>
      </DialogFrame>
    );
  }

  const { position } = plan;
  const count = plan.orders.length;
  const quantity = dec(position.quantity).abs().toFixed();
  const answered = mutation.data;
  const canSend = count > 0 && connection.capabilities.cancelOrder.available && !mutation.isPending && blocking === null && !answered;
  const onSubmit = (event: FormEvent) =>
    submit(
      event,
      canSend
        ? () => ({
            channel: 'position:cancelThenClose',
            request: { connection: target.connection, accountId: target.accountId, positionId: position.id, orderIds: plan.orders.map((order) => order.id) },
            target,
            label: `Cancel ${count} ${plural(count, 'order')}, then close ${position.symbol} in account ${target.accountNumber}`,
            key: actionKeys.closePosition(target, position.id),
          })
        : null,
    );

  return (
    <DialogFrame
      wide
      title={`Cancel orders, then close ${position.symbol}`}
      description={`${amountOf(position, quantity)} of ${position.symbol} in account ${target.accountNumber}, ${amountOf(position, position.available)} available.`}
      onSubmit={onSubmit}
      footer={<ConfirmFooter answered={answered !== undefined} canSend={canSend} pending={mutation.isPending} confirmLabel="Confirm cancel, then close" />}
    >
      {answered ? (
        <Steps receipt={answered} />
      ) : (
        <>
          {count === 0 ? <p className="state">No working order holds {position.symbol} any more: close it from its row.</p> : null}
          <OrdersToCancelTable orders={plan.orders} label="Orders to cancel first" rowTestId={(order) => `cancel-first-${order.id}`} />
          <p data-testid="cancel-then-close-total">
            In all: {count} {plural(count, 'order')} to cancel, then one full close of {amountOf(position, quantity)}.
          </p>
          <SendSentence>
            Closeout will send: {count} cancel {plural(count, 'request')}, one per order above; then, once reading the broker shows them cancelled, a full
            close of {position.symbol} ({amountOf(position, quantity)}) at market in account {target.accountNumber}. If a cancel is refused or its outcome is
            unknown, it stops there and the close is not sent.
          </SendSentence>
        </>
      )}
      {mutation.isIdle && blocking ? <PriorActionNote entry={blocking} /> : null}
      <SendResult error={mutation.error} receipt={mutation.data} />
    </DialogFrame>
  );
}
