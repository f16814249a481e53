import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { CloseAllReceipt } from '../../../shared/actions';
import { actionKeys } from '../../api/actions';
import { ordersQuery, positionsQuery } from '../../api/queries';
import { useConfirmedSend } from '../../hooks/useConfirmedSend';
import { useConnectionSummary } from '../../hooks/useConnections';
import { useQuoteGate } from '../../hooks/useQuoteGate';
import { estimateClose, estimateCloseAll, type CloseAllEstimate } from '../../lib/closeEstimate';
import { formatClock, formatDecimal, formatMoney, formatPrice, formatQuantity, formatSignedMoney, plural, signTone, unitWord } from '../../lib/format';
import { closeAllItemDetail, summariseCloseAll } from '../../lib/notices';
import { useBlockingAction, useUnresolvedAction } from '../../state/actionLog';
import type { AccountTarget } from '../../state/dialogs';
import { useCloseAllProgress, useProgressActions } from '../../state/progress';
import { errorText } from '../common/QueryStatus';
import { Badge } from '../common/StatusBadge';
import { ConfirmFooter } from './ConfirmFooter';
import { DialogFrame, DismissButton } from './DialogFrame';
import { EarlierNote, Facts, PriorActionNote, QuoteAge, SendResult, SendSentence, StaleQuoteNote, TypedConfirmation } from './confirmationBlocks';
import { ScrollRegion } from '../common/ScrollRegion';
import './CloseAllDialog.css';

// Enough to read through; the count above the list is always the full number.
const LISTED_POSITIONS = 500;

function CloseAllResults({ receipt }: { receipt: CloseAllReceipt }) {
  return (
    <div className="results">
      <p role="status">
        {receipt.message} Per position: {summariseCloseAll(receipt.items)}.
        {receipt.requestId ? ` Request id ${receipt.requestId}.` : ''}
      </p>
      <table className="result-table" aria-label="Result per position">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Result</th>
            <th scope="col">Order id or reason</th>
          </tr>
        </thead>
        <tbody>
          {receipt.items.map((item) => (
            <tr key={item.positionId} data-testid={`close-all-result-${item.positionId}`}>
              <td>
                <strong>{item.symbol}</strong>
              </td>
              <td>
                <Badge tone={item.state === 'rejected' ? 'negative' : item.state === 'unknown' ? 'warning' : 'positive'}>{item.state}</Badge>
              </td>
              <td className="mono">{closeAllItemDetail(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function money(sum: string | null, signed = false): string {
  if (sum === null) return '—';
  return `about ${signed ? formatSignedMoney(sum) : formatMoney(sum)}`;
}

function left(count: number): string {
  return count === 0 ? '' : ` (${count} ${plural(count, 'position')} not valued in the account's currency left out)`;
}

/** The single-close estimates summed over the account, each gap counted rather than guessed. */
function CloseAllEstimateFacts({ estimate }: { estimate: CloseAllEstimate }) {
  return (
    <Facts
      label="Estimate at the last prices"
      items={[
        ['Est. proceeds of longs', `${money(estimate.proceeds)}${left(estimate.withoutValue)}`],
        ['Est. cost to buy back shorts', money(estimate.buyBackCost)],
        [
          'Est. realised P&L',
          <span key="pnl" className={`pnl-${signTone(estimate.realisedPnl)}`}>
            {money(estimate.realisedPnl, true)}
            {left(estimate.withoutPnl)}
          </span>,
        ],
      ]}
    />
  );
}

export function CloseAllDialog({ target }: { target: AccountTarget }) {
  const connection = useConnectionSummary(target.connection);
  const positions = useQuery(positionsQuery(target.connection, target.accountId));
  const orders = useQuery(ordersQuery(target.connection, target.accountId));
  const [typed, setTyped] = useState('');
  const [cancelOrders, setCancelOrders] = useState(true);
  const { mutation, submit } = useConfirmedSend<'positions:closeAll'>();
  const key = actionKeys.closeAll(target);
  const accountWide = { connection: target.connection, accountId: target.accountId, kind: 'close_all', subject: null } as const;
  const blocking = useBlockingAction(accountWide);
  const unresolved = useUnresolvedAction(accountWide);
  const quote = useQuoteGate(positions.dataUpdatedAt, positions.refetch, !mutation.isPending && !mutation.isSuccess);
  const checkboxId = useId();
  const progress = useCloseAllProgress(target.connection, target.accountId);
  const { clear: clearProgress } = useProgressActions();

  const title = `Close all positions in ${target.accountNumber}`;
  if (!connection || !positions.data) {
    return (
      <DialogFrame title={title} description="Every open position in this account, at market." footer={<DismissButton first>Close</DismissButton>}>
        <p className="state">{positions.isError ? `Could not load positions: ${errorText(positions.error)}` : 'Loading positions…'}</p>
      </DialogFrame>
    );
  }

  const caps = connection.capabilities;
  // A holding no order can close (cash at Clear Street) is not part of close all: named below the list, not in it.
  const list = positions.data.filter((position) => position.notClosable === undefined);
  const kept = positions.data.filter((position) => position.notClosable !== undefined);
  const closedSymbols = new Set(list.map((position) => position.symbol));
  const openOrders =
    orders.data?.filter((order) => order.open && (caps.closeAll.cancelOrdersScope === 'account' || closedSymbols.has(order.symbol))).length ?? null;
  const cancelOption = caps.closeAll.cancelOrdersOption;
  const cancelFirst = cancelOption.available && cancelOrders;
  const answered = mutation.data;
  const quoteBlocks = !mutation.isPending && !answered && !quote.confirmAllowed;
  const canSend = list.length > 0 && typed === target.accountNumber && !mutation.isPending && blocking === null && !answered && !quoteBlocks;
  const prior = mutation.isIdle ? (blocking ?? unresolved) : null;

  const onSubmit = (event: FormEvent) =>
    submit(
      event,
      canSend
        ? () => ({
            channel: 'positions:closeAll',
            request: { connection: target.connection, accountId: target.accountId, cancelOrders: cancelFirst },
            target,
            label: `Close all positions in account ${target.accountNumber}`,
            key,
          })
        : null,
      { onSend: () => clearProgress(target.connection, target.accountId) },
    );

  const ordersText = openOrders === null ? 'open orders' : `${openOrders} open ${plural(openOrders, 'order')}`;
  const ordersWillBeCancelled =
    openOrders === null ? 'Open orders will be cancelled first (still counting them).' : `${openOrders} open ${plural(openOrders, 'order')} will be cancelled.`;
  const sentence = `Closeout will send: close all ${list.length} ${plural(list.length, 'position')} in account ${target.accountNumber} at market${
    cancelFirst ? `, cancelling ${ordersText} first` : ''
  }.`;

  return (
    <DialogFrame
      wide
      title={title}
      description={`${list.length} open ${plural(list.length, 'position')} at ${caps.displayName}, closed at market.`}
      onSubmit={onSubmit}
      footer={<ConfirmFooter answered={answered !== undefined} canSend={canSend} pending={mutation.isPending} confirmLabel="Confirm close all" />}
    >
      {answered?.earlier ? (
        <EarlierNote earlier={answered.earlier} message={answered.message} />
      ) : answered ? (
        <CloseAllResults receipt={answered} />
      ) : (
        <>
          {list.length === 0 ? <p className="state">There are no open positions left in this account.</p> : null}
          <ScrollRegion className="position-summary" label="Positions to close, scrollable">
            <table className="close-all-table" aria-label="Positions to close">
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Side</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Last price
                  </th>
                  <th scope="col" className="num">
                    Est. realised P&amp;L
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.slice(0, LISTED_POSITIONS).map((position) => {
                  const pnl = estimateClose(position, { kind: 'all' }).realisedPnl.amount;
                  return (
                    <tr key={position.id}>
                      <td>
                        <strong>{position.symbol}</strong>
                      </td>
                      <td className="muted">{position.side}</td>
                      <td className="num">
                        {formatQuantity(position.quantity, position.unit.step)} {unitWord(position.unit.name, position.quantity)}
                      </td>
                      <td className="num" title={`Last price ${formatDecimal(position.lastPrice)}`}>
                        {formatPrice(position.lastPrice, position.priceScale)}
                      </td>
                      <td className={`num pnl-${signTone(pnl)}`}>{pnl === null ? '—' : formatSignedMoney(pnl)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          {list.length > LISTED_POSITIONS ? <p className="muted">…and {list.length - LISTED_POSITIONS} more positions.</p> : null}
          {kept.length > 0 ? (
            <p className="muted">Stays as it is: {kept.map((position) => `${position.symbol} (${position.notClosable})`).join('; ')}.</p>
          ) : null}
          {caps.closeAll.mode === 'per-ticket' ? (
            <p className="muted">
              {caps.displayName} has no single close-all call: Closeout closes each of the {list.length} {plural(list.length, 'ticket')} in turn.
            </p>
          ) : null}

          <div className="check">
            <input
              id={checkboxId}
              type="checkbox"
              checked={cancelFirst}
              disabled={!cancelOption.available || mutation.isPending}
              onChange={(event) => setCancelOrders(event.target.checked)}
            />
            <label htmlFor={checkboxId}>
              Cancel open orders first{openOrders === null ? '' : ` (${ordersText})`}
            </label>
            {cancelOption.available ? null : <span className="reason">{cancelOption.reason}</span>}
          </div>

          <p className="muted">
            Last prices read at {formatClock(positions.dataUpdatedAt)}
            <QuoteAge updatedAt={positions.dataUpdatedAt} quote={quote} />.
          </p>
          <CloseAllEstimateFacts estimate={estimateCloseAll(list)} />
          {cancelFirst ? <p data-testid="orders-to-cancel">{ordersWillBeCancelled}</p> : null}
          <SendSentence>{sentence}</SendSentence>
          <TypedConfirmation accountNumber={target.accountNumber} value={typed} onChange={setTyped} />
        </>
      )}
      {mutation.isPending && progress ? (
        <div className="progress" role="status">
          <progress value={progress.done} max={progress.total} aria-label="Tickets closed" />
          <span>
            {progress.done} of {progress.total} {plural(progress.total, 'ticket')} settled…
          </span>
        </div>
      ) : null}
      {quoteBlocks ? <StaleQuoteNote quote={quote} updatedAt={positions.dataUpdatedAt} error={positions.isError ? errorText(positions.error) : null} /> : null}
      {prior ? <PriorActionNote entry={prior} /> : null}
      <SendResult error={mutation.error} receipt={mutation.data} />
    </DialogFrame>
  );
}
