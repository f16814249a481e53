import type { WindDownAccountReport, WindDownReport } from '../../../shared/windDown';
import { MISSING } from '../../lib/format';
import { Badge, type BadgeTone } from '../common/StatusBadge';
import { StepList } from './StepList';
import { ScrollRegion } from '../common/ScrollRegion';

const STATUS_TONE: Record<WindDownAccountReport['status'], BadgeTone> = { done: 'positive', stopped: 'negative', skipped: 'neutral', parked: 'neutral' };

function ReportRow({ account }: { account: WindDownAccountReport }) {
  const number = account.number ?? account.ref;
  return (
    <tr data-testid={`wind-down-report-${account.ref}`} data-status={account.status}>
      <th scope="row" className="mono">
        {number}
      </th>
      <td>{account.name ?? MISSING}</td>
      <td>
        <Badge tone={STATUS_TONE[account.status]}>{account.status}</Badge>
        {account.closed ? <span className="reason">closed at the broker</span> : null}
        {account.unknown ? <Badge tone="warning">outcome unknown</Badge> : null}
      </td>
      <td>{account.reason ?? MISSING}</td>
      <td>
        <StepList steps={account.steps} label={`Steps for ${number}`} />
      </td>
    </tr>
  );
}

/** The end of a run: each account done, stopped and why, or skipped, with every step's state and request id. */
export function ReportView({ report }: { report: WindDownReport }) {
  return (
    <section className="wind-down-report" aria-label="Wind-down report">
      <ScrollRegion className="wind-down-table-wrap" label="Wind-down report per account">
        <table className="result-table wind-down-table" aria-label="Wind-down report per account">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Name</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
              <th scope="col">Steps</th>
            </tr>
          </thead>
          <tbody>
            {report.accounts.map((account, index) => (
              <ReportRow key={`${index}-${account.ref}`} account={account} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
