import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BulkItemResult } from '../../../shared/bulk';
import { describeError } from '../../../shared/errors';
import type { FlattenAccountPlan, FlattenPlan } from '../../../shared/flatten';
import { prepareFlattenMutation, runFlattenMutation } from '../../api/flatten';
import { accountsQuery, connectionsQuery } from '../../api/queries';
import { useSendOnce } from '../../hooks/useSendOnce';
import { flattenRequest, NOTHING_PICKED, setAccounts, toggleAccount, toggleConnection, type FlattenPick } from '../../lib/flattenPick';
import { formatDecimal, plural } from '../../lib/format';
import { Badge } from '../common/StatusBadge';
import { ScrollRegion } from '../common/ScrollRegion';
import { DialogFrame, DismissButton } from '../dialogs/DialogFrame';
import { ConfirmButton, SendError } from '../dialogs/confirmationBlocks';
import './FlattenDialog.css';

/** Accounts listed to tick one by one; a longer book is flattened whole or from the command with --accounts. */
const PICKABLE = 200;

function ConnectionAccounts({ connection, pick, onPick, disabled }: { connection: string; pick: FlattenPick; onPick(pick: FlattenPick): void; disabled: boolean }) {
  const accounts = useQuery(accountsQuery(connection, ''));
  const chosen = pick.accounts[connection];
  const listed = accounts.data?.accounts ?? [];
  return (
    <fieldset className="flatten-accounts" disabled={disabled} aria-label={`Accounts of ${connection}`}>
      <label className="check">
        <input type="checkbox" checked={chosen === undefined} onChange={(event) => onPick(setAccounts(pick, connection, event.target.checked ? null : []))} />
        All accounts of {connection}
        {accounts.data?.complete ? ` (${listed.length})` : ''}
      </label>
      {chosen !== undefined ? (
        <ul className="flatten-account-list" aria-label={`Accounts of ${connection}`}>
          {listed.slice(0, PICKABLE).map((account) => (
            <li key={account.id}>
              <label className="check">
                <input type="checkbox" checked={chosen.includes(account.id)} onChange={() => onPick(toggleAccount(pick, connection, account.id))} />
                <span className="mono">{account.number}</span> {account.name}
              </label>
            </li>
          ))}
          {listed.length > PICKABLE ? <li className="muted">…and {listed.length - PICKABLE} more: flatten them all, or name them to closeout flatten --accounts.</li> : null}
        </ul>
      ) : null}
    </fieldset>
  );
}

function PlanRow({ account }: { account: FlattenAccountPlan }) {
  const listed = <T,>(items: readonly T[], text: (item: T) => string) => (items.length === 0 ? '—' : items.map(text).join(', '));
  return (
    <tr data-testid={`flatten-plan-${account.connection}-${account.accountNumber}`}>
      <th scope="row">
        {account.connection} <span className="mono">{account.accountNumber}</span>
        <span className="reason">{account.accountName}</span>
      </th>
      <td className="num">{account.readError === null ? account.positions.length : '—'}</td>
      <td>{listed(account.positions, (position) => `${position.symbol} ${position.side} ${formatDecimal(position.quantity)}`)}</td>
      <td className="num">{account.readError === null ? account.orders.length : '—'}</td>
      <td>{listed(account.orders, (order) => `${order.symbol} ${order.side} ${order.type}`)}</td>
      <td data-testid="flatten-cannot">
        {account.readError !== null ? <span className="reason reason-error">{account.readError}</span> : null}
        {account.cannotDo.length === 0 && account.readError === null ? <span className="muted">Nothing</span> : null}
        {account.cannotDo.map((reason) => (
          <span key={reason} className="reason">
            {reason}
          </span>
        ))}
      </td>
    </tr>
  );
}

function PlanTable({ plan }: { plan: FlattenPlan }) {
  return (
    <ScrollRegion className="flatten-table-wrap" label="Flatten plan per account">
      <table className="result-table flatten-table" aria-label="Flatten plan per account">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Positions</th>
            <th scope="col">To close</th>
            <th scope="col">Orders</th>
            <th scope="col">To cancel first</th>
            <th scope="col">Cannot do</th>
          </tr>
        </thead>
        <tbody>
          {plan.accounts.map((account) => (
            <PlanRow key={`${account.connection}|${account.accountId}`} account={account} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const TONE = { rejected: 'negative', unknown: 'warning' } as const;

function ItemResults({ plan, results }: { plan: FlattenPlan; results: ReadonlyMap<number, BulkItemResult> }) {
  const rows = planRows(plan);
  return (
    <ScrollRegion className="flatten-table-wrap" label="Result per item">
      <table className="result-table flatten-table" aria-label="Result per item">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Item</th>
            <th scope="col">Result</th>
            <th scope="col">Broker's answer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const result = results.get(index);
            return (
              <tr key={index} data-testid={`flatten-result-${row.account.connection}-${row.symbol}`} data-state={result?.state ?? 'waiting'}>
                <td>
                  {row.account.connection} <span className="mono">{row.account.accountNumber}</span>
                </td>
                <td>{row.label}</td>
                <td>{result ? <Badge tone={result.state in TONE ? TONE[result.state as keyof typeof TONE] : 'positive'}>{result.state}</Badge> : <span className="muted">waiting</span>}</td>
                <td>
                  {result
                    ? `${result.message}${result.brokerCode ? ` (code ${result.brokerCode})` : ''}${result.requestId ? ` (request id ${result.requestId})` : ''}`
                    : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The items in the order the core sends them (planItems): each account's cancels, then its closes. */
function planRows(plan: FlattenPlan) {
  return plan.accounts.flatMap((account) =>
    account.readError !== null
      ? []
      : [
          ...account.orders.map((order) => ({ account, symbol: order.symbol, label: `Cancel ${order.symbol} ${order.side} ${order.type} (${order.id})` })),
          ...account.positions.map((position) => ({ account, symbol: position.symbol, label: `Close ${position.symbol} ${position.side} ${formatDecimal(position.quantity)}` })),
        ],
  );
}

/** Each item's result as the core pushes it, for the run under way. */
function useItemResults(runId: string | null): ReadonlyMap<number, BulkItemResult> {
  const [heard, setHeard] = useState<{ runId: string | null; results: ReadonlyMap<number, BulkItemResult> }>({ runId: null, results: new Map() });
  useEffect(() => {
    if (runId === null) return undefined;
    return window.closeout?.on('bulk:progress', (event) => {
      if (event.runId !== runId) return;
      setHeard((held) => ({ runId, results: new Map(held.runId === runId ? held.results : []).set(event.result.index, event.result) }));
    });
  }, [runId]);
  return heard.runId === runId ? heard.results : NONE;
}

const NONE: ReadonlyMap<number, BulkItemResult> = new Map();

/**
 * The desk's kill switch: pick connections (and their accounts, or all), read one plan (per account: positions to
 * close, orders to cancel first, what the broker cannot do), type the number of positions, and watch one list with
 * a result per item. Each connection's items go out at its own rate limit, all connections at once.
 */
export function FlattenDialog() {
  const queryClient = useQueryClient();
  const connections = useQuery(connectionsQuery());
  const [pick, setPick] = useState<FlattenPick>(NOTHING_PICKED);
  const [typed, setTyped] = useState('');
  const prepare = useMutation(prepareFlattenMutation());
  const run = useMutation(runFlattenMutation(queryClient));
  const once = useSendOnce();
  const typedId = useId();
  const plan = prepare.data ?? null;
  const live = useItemResults(run.variables?.runId ?? null);
  const report = run.data ?? null;
  const results: ReadonlyMap<number, BulkItemResult> = report ? new Map(report.items.map((item) => [item.index, item])) : live;
  // The same queries the account lists below use: a mixed pick names whole connections' accounts from them.
  const accountLists = useQueries({ queries: pick.connections.map((connection) => accountsQuery(connection, '')) });
  const loadedAccounts = (connection: string) => {
    const list = accountLists[pick.connections.indexOf(connection)]?.data;
    return list?.complete ? list.accounts.map((account) => account.id) : null;
  };
  const planned = flattenRequest(pick, loadedAccounts);
  const running = run.isPending;
  const items = plan ? plan.positions + plan.orders : 0;
  const canStart = plan !== null && run.isIdle && !prepare.isPending && items > 0 && typed.trim() === String(plan.positions);

  const changePick = (next: FlattenPick) => {
    setPick(next);
    // A plan belongs to the accounts it was read for.
    prepare.reset();
    setTyped('');
  };
  const read = () => {
    if (!('request' in planned)) return;
    setTyped('');
    once.release();
    prepare.mutate(planned.request);
  };
  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!plan || !canStart || !once.claim()) return;
    run.mutate({ runId: plan.runId, confirmPositions: plan.positions });
  };

  const status = prepare.isPending
    ? 'Reading the accounts…'
    : running
      ? `Flattening: ${live.size} of ${items} ${plural(items, 'item')} settled.`
      : report
        ? `Flatten finished: ${report.summary.done} done, ${report.summary.refused} refused, ${report.summary.unknown} outcome unknown.`
        : plan
          ? `${plan.positions} ${plural(plan.positions, 'position')} to close and ${plan.orders} ${plural(plan.orders, 'order')} to cancel in ${plan.accounts.length} ${plural(plan.accounts.length, 'account')}.`
          : '';
  const picking = plan === null || run.isIdle;

  return (
    <DialogFrame
      full
      locked={running}
      title="Flatten accounts"
      description="The kill switch: for every account picked, cancel its open orders, then close every position at market. Reading the plan sends nothing."
      onSubmit={start}
      footer={
        <>
          <DismissButton first>{report ? 'Done' : 'Close'}</DismissButton>
          {plan && !report ? (
            <ConfirmButton disabled={!canStart} pending={running}>
              {`Flatten: close ${plan.positions} ${plural(plan.positions, 'position')}`}
            </ConfirmButton>
          ) : null}
        </>
      }
    >
      {picking ? (
        <fieldset className="flatten-pick" disabled={prepare.isPending}>
          <legend>Connections and accounts to flatten</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={(connections.data?.length ?? 0) > 0 && connections.data?.every((connection) => pick.connections.includes(connection.name)) === true}
              onChange={(event) => changePick(event.target.checked ? { connections: (connections.data ?? []).map((connection) => connection.name), accounts: {} } : NOTHING_PICKED)}
            />
            All connections
          </label>
          {(connections.data ?? []).map((connection) => (
            <div key={connection.name} className="flatten-connection">
              <label className="check">
                <input type="checkbox" checked={pick.connections.includes(connection.name)} onChange={() => changePick(toggleConnection(pick, connection.name))} />
                {connection.name}
              </label>
              {pick.connections.includes(connection.name) ? <ConnectionAccounts connection={connection.name} pick={pick} onPick={changePick} disabled={prepare.isPending} /> : null}
            </div>
          ))}
          <div className="flatten-read">
            <button type="button" className="button" disabled={!('request' in planned) || prepare.isPending} onClick={read}>
              {plan ? 'Read the accounts again' : 'Read the accounts'}
            </button>
            {'missing' in planned ? <span className="hint">{planned.missing}</span> : null}
          </div>
        </fieldset>
      ) : null}
      <p className="flatten-status" role="status" data-testid="flatten-status">
        {status}
      </p>
      {prepare.isError ? (
        <p className="note note-error" role="alert">
          Could not read the accounts: {describeError(prepare.error)}
        </p>
      ) : null}
      {plan && run.isIdle ? (
        <>
          <PlanTable plan={plan} />
          {items > 0 ? (
            <div className="field">
              <label htmlFor={typedId}>
                Type <strong className="mono">{plan.positions}</strong>, the number of positions that will be closed, to confirm
              </label>
              <input
                id={typedId}
                className={`input mono ${typed.trim() === String(plan.positions) ? 'input-ok' : ''}`}
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                // The plan has just appeared: the next thing to do is read it and type here.
                autoFocus
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
            </div>
          ) : (
            <p className="note note-info">Nothing to send: the accounts picked hold no positions and no open orders.</p>
          )}
        </>
      ) : null}
      {plan && !run.isIdle && !run.isError ? (
        <>
          {running ? (
            <div className="progress">
              <progress value={live.size} max={items} aria-label="Items settled" />
            </div>
          ) : null}
          <ItemResults plan={plan} results={results} />
        </>
      ) : null}
      {run.isError ? <SendError error={run.error} /> : null}
    </DialogFrame>
  );
}
