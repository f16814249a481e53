import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { actionKeys } from '../../api/actions';
import { ordersQuery, positionsQuery } from '../../api/queries';
import { useBulkSend, type BulkRowResult, type BulkSendItem } from '../../hooks/useBulkSend';
import { estimateClose, estimateCloseAll } from '../../lib/closeEstimate';
import { formatQuantity, formatSignedMoney, plural, signTone, unitWord } from '../../lib/format';
import { orderPhrase } from '../../lib/orders';
import { pickedOf } from '../../lib/rowSelection';
import { needsTypedCount } from '../../lib/typedThreshold';
import { useTypedAbove } from '../../state/confirmPrefs';
import type { AccountTarget } from '../../state/dialogs';
import { selectionKey, useRowSelection } from '../../state/rowSelection';
import { Badge } from '../common/StatusBadge';
import { ConfirmFooter } from './ConfirmFooter';
import { DialogFrame } from './DialogFrame';
import { SendSentence } from './confirmationBlocks';
import { ScrollList } from '../common/ScrollRegion';

function Results({ results }: { results: readonly BulkRowResult[] }) {
  return (
    <table className="result-table" aria-label="Result per item">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Result</th>
          <th scope="col">Broker's answer</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={result.id} data-testid={`bulk-result-${result.id}`}>
            <td>{result.label}</td>
            <td>
              <Badge tone={result.state === 'rejected' ? 'negative' : result.state === 'unknown' ? 'warning' : 'positive'}>{result.state}</Badge>
            </td>
            <td>
              {result.message}
              {result.brokerCode ? ` (code ${result.brokerCode})` : ''}
              {result.requestId ? ` (request id ${result.requestId})` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Above the threshold the person types how many items will be acted on. */
function TypedCount({ count, value, onChange }: { count: number; value: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        Type <strong className="mono">{count}</strong>, the number of items, to confirm
      </label>
      <input
        id={id}
        className={`input mono ${value.trim() === String(count) ? 'input-ok' : ''}`}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

interface BulkDialogProps<Item> {
  title: string;
  description: string;
  /** The picked rows as they were when the dialog opened: later polls never change what is confirmed. */
  items: readonly Item[];
  itemsLabel: string;
  listItem(item: Item): ReactNode;
  itemId(item: Item): string;
  totals: ReactNode;
  sentence: string;
  confirmLabel: string;
  send(items: readonly Item[]): void;
  pending: boolean;
  progress: { done: number; total: number } | null;
  results: readonly BulkRowResult[] | undefined;
}

function BulkDialog<Item>(props: BulkDialogProps<Item>) {
  const { items, results, pending, progress } = props;
  const typedAbove = useTypedAbove();
  const [typed, setTyped] = useState('');
  const typing = needsTypedCount(items.length, typedAbove);
  const canSend = items.length > 0 && !pending && results === undefined && (!typing || typed.trim() === String(items.length));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (canSend) props.send(items);
  };
  return (
    <DialogFrame
      wide
      title={props.title}
      description={props.description}
      onSubmit={onSubmit}
      locked={pending}
      footer={<ConfirmFooter answered={results !== undefined} canSend={canSend} pending={pending} confirmLabel={props.confirmLabel} />}
    >
      {results ? (
        <Results results={results} />
      ) : (
        <>
          {items.length === 0 ? <p className="state">No picked rows are still listed.</p> : null}
          <ScrollList className="position-summary" label={props.itemsLabel}>
            {items.slice(0, 500).map((item) => (
              <li key={props.itemId(item)}>{props.listItem(item)}</li>
            ))}
          </ScrollList>
          {items.length > 500 ? <p className="muted">…and {items.length - 500} more.</p> : null}
          {props.totals}
          <SendSentence>{props.sentence}</SendSentence>
          {typing ? <TypedCount count={items.length} value={typed} onChange={setTyped} /> : null}
        </>
      )}
      {pending && progress ? (
        <div className="progress" role="status">
          <progress value={progress.done} max={progress.total} aria-label="Items settled" />
          <span>
            {progress.done} of {progress.total} settled…
          </span>
        </div>
      ) : null}
    </DialogFrame>
  );
}

/** Closes every picked position in full, one request each, with one confirmation listing them all. */
export function CloseSelectedDialog({ target }: { target: AccountTarget }) {
  const positions = useQuery(positionsQuery(target.connection, target.accountId));
  const selection = useRowSelection(selectionKey('positions', target.connection, target.accountId));
  const [items] = useState(() => pickedOf(positions.data ?? [], selection, (position) => position.id).filter((position) => position.notClosable === undefined));
  const bulk = useBulkSend(`Close ${items.length} picked ${plural(items.length, 'position')} in ${target.accountNumber}`);
  const estimate = estimateCloseAll(items);
  const toItems = (list: readonly (typeof items)[number][]): BulkSendItem[] =>
    list.map((position) => ({
      id: position.id,
      label: `Close ${position.symbol}`,
      request: { kind: 'close', connection: target.connection, accountId: target.accountId, positionId: position.id },
      target,
      key: actionKeys.closePosition(target, position.id),
    }));
  return (
    <BulkDialog
      title={`Close ${items.length} picked ${plural(items.length, 'position')}`}
      description={`Account ${target.accountNumber}: each position closed in full at market, one request each.`}
      items={items}
      itemsLabel="Positions to close"
      itemId={(position) => position.id}
      listItem={(position) => {
        const pnl = estimateClose(position, { kind: 'all' }).realisedPnl.amount;
        return (
          <>
            <strong>{position.symbol}</strong>
            <span className="muted">{position.side}</span>
            <span className="num">
              {formatQuantity(position.quantity, position.unit.step)} {unitWord(position.unit.name, position.quantity)}
            </span>
            <span className={`num pnl-${signTone(pnl)}`} title="Estimated realised P&L">
              {pnl === null ? '—' : formatSignedMoney(pnl)}
            </span>
          </>
        );
      }}
      totals={
        <p data-testid="bulk-total">
          In all: {items.length} {plural(items.length, 'position')}, estimated realised P&L{' '}
          <span className={`pnl-${signTone(estimate.realisedPnl)}`}>{estimate.realisedPnl === null ? '—' : `about ${formatSignedMoney(estimate.realisedPnl)}`}</span>
          {estimate.withoutPnl > 0 ? ` (${estimate.withoutPnl} not estimated)` : ''}.
        </p>
      }
      sentence={`Closeout will send: ${items.length} full ${plural(items.length, 'close')} at market in account ${target.accountNumber} (${items
        .slice(0, 20)
        .map((position) => position.symbol)
        .join(', ')}${items.length > 20 ? ', …' : ''}).`}
      confirmLabel={`Confirm close of ${items.length}`}
      send={(list) => bulk.send(toItems(list))}
      pending={bulk.mutation.isPending}
      progress={bulk.progress}
      results={bulk.mutation.data}
    />
  );
}

/** Cancels every picked working order, one request each, with one confirmation listing them all. */
export function CancelSelectedDialog({ target }: { target: AccountTarget }) {
  const orders = useQuery(ordersQuery(target.connection, target.accountId));
  const selection = useRowSelection(selectionKey('orders', target.connection, target.accountId));
  const [items] = useState(() => pickedOf(orders.data ?? [], selection, (order) => order.id).filter((order) => order.open));
  const bulk = useBulkSend(`Cancel ${items.length} picked ${plural(items.length, 'order')} in ${target.accountNumber}`);
  const toItems = (list: readonly (typeof items)[number][]): BulkSendItem[] =>
    list.map((order) => ({
      id: order.id,
      label: `Cancel ${order.symbol} (${order.id})`,
      request: { kind: 'cancel', connection: target.connection, accountId: target.accountId, orderId: order.id },
      target,
      key: actionKeys.cancelOrder(target, order.id),
    }));
  return (
    <BulkDialog
      title={`Cancel ${items.length} picked ${plural(items.length, 'order')}`}
      description={`Account ${target.accountNumber}: one cancel request per order. Any part already filled stays filled.`}
      items={items}
      itemsLabel="Orders to cancel"
      itemId={(order) => order.id}
      listItem={(order) => (
        <>
          <strong>{order.symbol}</strong>
          <span>{orderPhrase(order)}</span>
          <span className="mono muted">{order.id}</span>
        </>
      )}
      totals={
        <p data-testid="bulk-total">
          In all: {items.length} {plural(items.length, 'order')}.
        </p>
      }
      sentence={`Closeout will send: ${items.length} cancel ${plural(items.length, 'request')} in account ${target.accountNumber}.`}
      confirmLabel={`Confirm cancel of ${items.length}`}
      send={(list) => bulk.send(toItems(list))}
      pending={bulk.mutation.isPending}
      progress={bulk.progress}
      results={bulk.mutation.data}
    />
  );
}
