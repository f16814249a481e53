import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { dec } from '../../../shared/decimal';
import type { AccountCloseCheck } from '../../../shared/domain';
import { actionKeys } from '../../api/actions';
import { closeCheckQuery } from '../../api/queries';
import { useConfirmedSend } from '../../hooks/useConfirmedSend';
import { useConnectionSummary } from '../../hooks/useConnections';
import { formatMoney, formatQuantity, plural, unitWord } from '../../lib/format';
import { orderPhrase } from '../../lib/orders';
import type { AccountTarget } from '../../state/dialogs';
import { useBlockingAction, useUnresolvedAction } from '../../state/actionLog';
import { errorText } from '../common/QueryStatus';
import { ConfirmFooter } from './ConfirmFooter';
import { DialogFrame } from './DialogFrame';
import { EarlierNote, PriorActionNote, SendResult, SendSentence, TypedConfirmation } from './confirmationBlocks';
import { ScrollList } from '../common/ScrollRegion';
import './CloseAccountDialog.css';

function CheckItem({ ok, title, children }: { ok: boolean | null; title: string; children?: ReactNode }) {
  const mark = ok === null ? 'ℹ' : ok ? '✓' : '✗';
  return (
    <li className={`check-item ${ok === null ? 'check-info' : ok ? 'check-ok' : 'check-fail'}`}>
      <span className="check-mark" aria-hidden="true">
        {mark}
      </span>
      <div>
        <p className="check-title">{title}</p>
        {children}
      </div>
    </li>
  );
}

/**
 * Each blocker once: what the account holds is listed here item by item, its status too when that is what stops the
 * close, so the refusal below only points at the items marked ✗.
 */
function Checklist({ check }: { check: AccountCloseCheck }) {
  const { positions, openOrders, balances, statusBlocker } = check;
  const currency = balances.currency ?? check.account.currency ?? '';
  const cashLeft = balances.cash !== null && !dec(balances.cash).isZero();
  return (
    <ul className="checklist" aria-label="Close-account checklist">
      {statusBlocker === null ? null : <CheckItem ok={false} title={statusBlocker} />}
      <CheckItem ok={openOrders.length === 0} title={openOrders.length === 0 ? 'No open orders' : `${openOrders.length} open ${plural(openOrders.length, 'order')}`}>
        {openOrders.length > 0 ? (
          <ScrollList className="check-details" label="Open orders">
            {openOrders.slice(0, 50).map((order) => (
              <li key={order.id}>{orderPhrase(order)}</li>
            ))}
          </ScrollList>
        ) : null}
      </CheckItem>
      <CheckItem ok={positions.length === 0} title={positions.length === 0 ? 'No open positions' : `${positions.length} open ${plural(positions.length, 'position')}`}>
        {positions.length > 0 ? (
          <ScrollList className="check-details" label="Open positions">
            {positions.slice(0, 50).map((position) => (
              <li key={position.id}>
                {position.symbol} {position.side} {formatQuantity(position.quantity, position.unit.step)} {unitWord(position.unit.name, position.quantity)}
              </li>
            ))}
          </ScrollList>
        ) : null}
      </CheckItem>
      <CheckItem ok={balances.cash === null ? null : !cashLeft} title={`Cash ${formatMoney(balances.cash, currency)} ${currency}`.trim()}>
        <p className="muted">Equity {`${formatMoney(balances.equity, currency)} ${currency}`.trim()}. Cash must be withdrawn before the broker closes the account.</p>
      </CheckItem>
    </ul>
  );
}

export function CloseAccountDialog({ target }: { target: AccountTarget }) {
  const connection = useConnectionSummary(target.connection);
  const check = useQuery(closeCheckQuery(target.connection, target.accountId));
  const [typed, setTyped] = useState('');
  const { mutation, submit } = useConfirmedSend<'account:close'>();
  const key = actionKeys.closeAccount(target);
  const accountWide = { connection: target.connection, accountId: target.accountId, kind: 'close_account', subject: null } as const;
  const blocking = useBlockingAction(accountWide);
  const unresolved = useUnresolvedAction(accountWide);

  const title = `Close account ${target.accountNumber}`;
  const data = check.data;
  const blockers = data?.blockers ?? [];
  const answered = mutation.data;
  const ready = data !== undefined && blockers.length === 0 && connection?.capabilities.closeAccount.available === true;
  const canSend = ready && typed === target.accountNumber && !mutation.isPending && blocking === null && !answered && !check.isFetching;
  const prior = mutation.isIdle ? (blocking ?? unresolved) : null;

  const onSubmit = (event: FormEvent) =>
    submit(
      event,
      canSend
        ? () => ({
            channel: 'account:close',
            request: { connection: target.connection, accountId: target.accountId, confirmAccountNumber: typed },
            target,
            label: `Close account ${target.accountNumber}`,
            key,
          })
        : null,
    );

  return (
    <DialogFrame
      wide
      title={title}
      description={`Checks orders, positions and cash first; the account is closed only when nothing is left.${
        connection ? ` Broker: ${connection.capabilities.displayName}.` : ''
      }`}
      onSubmit={onSubmit}
      footer={
        <ConfirmFooter
          answered={answered !== undefined}
          canSend={canSend}
          pending={mutation.isPending}
          confirmLabel="Confirm close account"
          extra={
            <button type="button" className="button" disabled={check.isFetching} onClick={() => void check.refetch()}>
              {check.isFetching ? 'Checking…' : 'Check again'}
            </button>
          }
        />
      }
    >
      {check.isPending ? <p className="state">Checking the account…</p> : null}
      {check.isError ? (
        <p className="note note-error" role="alert">
          Could not check the account: {errorText(check.error)}
        </p>
      ) : null}
      {data ? <Checklist check={data} /> : null}
      {answered?.earlier ? (
        <EarlierNote earlier={answered.earlier} message={answered.message} />
      ) : answered ? (
        <p className={`note ${answered.state === 'rejected' ? 'note-error' : answered.state === 'unknown' ? 'note-warning' : 'note-success'}`} role="status">
          {answered.message}
          {answered.requestId ? ` (request id ${answered.requestId})` : ''}
        </p>
      ) : data && blockers.length > 0 ? (
        <p className="note note-error" role="alert">
          Closeout will not close this account while {blockers.length === 1 ? 'the item marked ✗ above remains' : `the ${blockers.length} items marked ✗ above remain`}.
        </p>
      ) : ready ? (
        <>
          <SendSentence>
            Closeout will send: close account {data.account.number} ({data.account.name}) at {connection.capabilities.displayName}. The broker closes
            it for good; Closeout cannot reopen it.
          </SendSentence>
          <TypedConfirmation accountNumber={target.accountNumber} value={typed} onChange={setTyped} />
        </>
      ) : null}
      {prior ? <PriorActionNote entry={prior} /> : null}
      <SendResult error={mutation.error} receipt={mutation.data} />
    </DialogFrame>
  );
}
