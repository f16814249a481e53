import { STEP_LABELS, type WindDownPlan } from '../../../shared/windDown';
import type { RunProgress } from '../../lib/windDownProgress';
import { plural } from '../../lib/format';
import { ScrollRegion } from '../common/ScrollRegion';
import './RunProgressView.css';

/** Accounts done out of all listed, and the step each account the run has reached is at, from the progress pushes. */
export function RunProgressView({ plan, progress, stopping }: { plan: WindDownPlan; progress: RunProgress | null; stopping: boolean }) {
  const total = plan.accounts.length;
  const done = progress?.accountsDone ?? 0;
  const latest = progress?.latest ?? null;
  const reached = Object.entries(progress?.byAccount ?? {}).map(([index, now]) => ({ index: Number(index), now }));
  return (
    <section className="wind-down-progress" aria-label="Wind-down progress">
      <div className="progress">
        <progress value={done} max={total} aria-label="Accounts done" />
        <span data-testid="wind-down-progress-count">
          {done} of {total} {plural(total, 'account')} done
        </span>
      </div>
      <p className="wind-down-now" data-testid="wind-down-progress-now">
        {latest
          ? `Account ${latest.accountIndex + 1} of ${latest.accountCount}, ${latest.account.number ?? latest.account.ref}: ${STEP_LABELS[latest.step]} ${
              latest.state === 'running' ? 'under way' : latest.state
            }.`
          : 'Starting…'}
        {stopping ? ' Stopping once this step ends.' : ''}
      </p>
      {reached.length > 0 ? (
        <ScrollRegion className="wind-down-table-wrap" label="Current step per account">
          <table className="result-table wind-down-table" aria-label="Current step per account">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Step</th>
                <th scope="col">State</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {reached.map(({ index, now }) => {
                const account = plan.accounts[index];
                return (
                  <tr key={index} data-testid={`wind-down-progress-${account?.ref ?? index}`} data-state={now.state}>
                    <th scope="row" className="mono">
                      {account?.account?.number ?? account?.ref ?? index + 1}
                    </th>
                    <td>{STEP_LABELS[now.step]}</td>
                    <td>{now.state === 'running' ? 'under way' : now.state}</td>
                    <td>{now.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}
