import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Order } from '../../../shared/domain';
import { actionKeys } from '../../api/actions';
import { ordersQuery } from '../../api/queries';
import { useConfirmedSend } from '../../hooks/useConfirmedSend';
import { useConnectionSummary } from '../../hooks/useConnections';
import { formatDecimal, formatPrice, formatTimestamp, humanise } from '../../lib/format';
import { orderPhrase } from '../../lib/orders';
import type { AccountTarget } from '../../state/dialogs';
import { useBlockingAction, useUnresolvedAction } from '../../state/actionLog';
import { errorText } from '../common/QueryStatus';
import { ConfirmFooter } from './ConfirmFooter';
import { DialogFrame, DismissButton } from './DialogFrame';
import { Facts, PriorActionNote, ReceiptNote, SendError, SendResult, SendSentence } from './confirmationBlocks';

export function CancelOrderDialog({ target, orderId }: { target: AccountTarget; orderId: string }) {
  const connection = useConnectionSummary(target.connection);
  const orders = useQuery(ordersQuery(target.connection, target.accountId));
  const live = orders.data?.find((candidate) => candidate.id === orderId) ?? null;
  const [sentFor, setSentFor] = useState<Order | null>(null);
  const order = sentFor ?? live;
  const { mutation, submit } = useConfirmedSend<'order:cancel'>();
  const key = actionKeys.cancelOrder(target, orderId);
  const rowTarget = { connection: target.connection, accountId: target.accountId, kind: 'cancel_order', subject: orderId } as const;
  const blocking = useBlockingAction(rowTarget);
  const unresolved = useUnresolvedAction(rowTarget);

  if (!connection || !order) {
    const message = orders.isPending
      ? 'Loading the order…'
      : orders.isError && !orders.data
        ? `Could not load orders: ${errorText(orders.error)}`
        : `Order ${orderId} is no longer listed in account ${target.accountNumber}.`;
    return (
      <DialogFrame title="Cancel order" description={`Account ${target.accountNumber}`} footer={<DismissButton first>Close</DismissButton>}>
        <p className="state">{message}</p>
        {/* A refusal re-reads the orders; the order being gone afterwards must not hide why the broker said no. */}
        {mutation.isError ? <SendError error={mutation.error} /> : null}
      </DialogFrame>
    );
  }

  const answered = mutation.isSuccess;
  const stillOpen = order.open || sentFor !== null;
  const canSend = stillOpen && connection.capabilities.cancelOrder.available && !mutation.isPending && blocking === null && !answered;
  const prior = mutation.isIdle ? (blocking ?? unresolved) : null;

  const onSubmit = (event: FormEvent) =>
    submit(
      event,
      canSend
        ? () => ({
            channel: 'order:cancel',
            request: { connection: target.connection, accountId: target.accountId, orderId: order.id },
            target,
            label: `Cancel order ${order.symbol} (${order.id}) in account ${target.accountNumber}`,
            key,
          })
        : null,
      { closeWhenPlain: true, onSend: () => setSentFor(order), onUnsent: () => setSentFor(null) },
    );

  return (
    <DialogFrame
      title={`Cancel order for ${order.symbol}`}
      description={`Working order in account ${target.accountNumber} at ${connection.capabilities.displayName}.`}
      onSubmit={onSubmit}
      footer={<ConfirmFooter answered={answered} canSend={canSend} pending={mutation.isPending} confirmLabel="Confirm cancel" dismissLabel="Keep order" />}
    >
      <Facts
        items={[
          ['Symbol', <strong key="symbol">{order.symbol}</strong>],
          ['Side', humanise(order.side)],
          ['Type', humanise(order.type)],
          ['Quantity', formatDecimal(order.quantity)],
          ['Filled', formatDecimal(order.filledQuantity)],
          ['Limit price', formatPrice(order.limitPrice, order.priceScale)],
          ['Status', humanise(order.status)],
          ['Created', formatTimestamp(order.createdAt)],
          ['Order id', <span key="id" className="mono">{order.id}</span>],
          ['Client order id', <span key="cid" className="mono">{order.clientOrderId ?? '—'}</span>],
        ]}
      />
      {stillOpen ? (
        <SendSentence>
          Closeout will send: cancel order {order.id} ({orderPhrase(order)}) in account {target.accountNumber}. Any part already filled stays
          filled.
        </SendSentence>
      ) : (
        <p className="note note-info">This order is no longer open (status {humanise(order.status)}): there is nothing to cancel.</p>
      )}
      {prior ? <PriorActionNote entry={prior} /> : null}
      <SendResult error={mutation.error} receipt={mutation.data} />
      <ReceiptNote receipt={mutation.data} />
    </DialogFrame>
  );
}
