import type { WindDownPlan, PlannedAccount } from '../../../shared/windDown';
import { verdictOf, type PlanVerdict } from '../../lib/windDownPlan';
import { formatAmount, MISSING } from '../../lib/format';
import { Badge, StatusBadge, type BadgeTone } from '../common/StatusBadge';
import { StepList, type StepLine } from './StepList';
import { ScrollRegion } from '../common/ScrollRegion';

const VERDICT_TONE: Record<PlanVerdict, BadgeTone> = { run: 'warning', 'already done': 'positive', skip: 'neutral', stop: 'negative' };

function plannedSteps(account: PlannedAccount): StepLine[] {
  return account.steps.map(({ step, action, note, waitsFor }) =>
    account.completed.includes(step)
      ? { step, state: 'done earlier', message: note }
      : { step, state: waitsFor ? `waits for ${waitsFor === 'settlement' ? 'settlement' : 'cash to leave'}` : action === 'run' ? 'now' : action, message: note },
  );
}

function cash(account: PlannedAccount): string {
  return account.cash === null ? MISSING : formatAmount(account.cash, account.currency);
}

function PlanRow({ account, resumed }: { account: PlannedAccount; resumed: boolean }) {
  const verdict = verdictOf(account);
  const number = account.account?.number ?? account.ref;
  return (
    <tr data-testid={`wind-down-plan-${account.ref}`} data-verdict={verdict}>
      <th scope="row" className="mono">
        {number}
        {account.account && account.ref !== number ? <span className="reason">listed as {account.ref}</span> : null}
      </th>
      <td>{account.account?.name ?? MISSING}</td>
      <td>{account.account ? <StatusBadge status={account.account.status} tone={account.account.statusTone} /> : MISSING}</td>
      <td className="num">{account.account ? account.positions.length : MISSING}</td>
      <td className="num">{account.account ? account.openOrders.length : MISSING}</td>
      <td className="num">{cash(account)}</td>
      <td>
        <Badge tone={VERDICT_TONE[verdict]}>{verdict}</Badge>
        {account.reason ? <span className="reason">{account.reason}</span> : null}
      </td>
      <td>
        {verdict === 'run' ? (
          <StepList steps={plannedSteps(account)} label={`Planned steps for ${number}`} />
        ) : (
          <span className="muted">{verdict === 'already done' ? 'Closed out by an earlier run: nothing is sent.' : 'Nothing is sent.'}</span>
        )}
        {resumed && verdict === 'run' && account.completed.length > 0 ? (
          <span className="reason">Resumed: {account.completed.length} of {account.steps.length} steps settled by an earlier run are not sent again.</span>
        ) : null}
      </td>
    </tr>
  );
}

/** What was read about each listed account and what the run would do with it; nothing has been sent yet. */
export function PreflightTable({ plan }: { plan: WindDownPlan }) {
  return (
    <ScrollRegion className="wind-down-table-wrap" label="Preflight per account">
      <table className="result-table wind-down-table" aria-label="Preflight per account">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Positions</th>
            <th scope="col">Open orders</th>
            <th scope="col">Cash</th>
            <th scope="col">Plan</th>
            <th scope="col">Steps</th>
          </tr>
        </thead>
        <tbody>
          {plan.accounts.map((account, index) => (
            // A list may name the same account twice (the second is skipped), so the position keeps rows apart.
            <PlanRow key={`${index}-${account.ref}`} account={account} resumed={plan.resumed} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
