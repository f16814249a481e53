import type { AuditRecord } from '../../../shared/audit';
import { auditDetails } from '../../lib/auditDetails';
import { auditAccount, paramsInWords } from '../../lib/auditWords';
import { formatTimestamp, humanise, MISSING } from '../../lib/format';

function Step({ title, record }: { title: string; record: AuditRecord | null }) {
  return (
    <div className="audit-step" role="group" aria-label={title}>
      <h3>{title}</h3>
      {record === null ? (
        <p className="muted">Not on record{title === 'Verdict' ? ': the outcome was known when the broker answered.' : ' among the records loaded.'}</p>
      ) : (
        <dl>
          <dt>Time</dt>
          <dd>{formatTimestamp(record.time)}</dd>
          <dt>Record</dt>
          <dd className="mono">{record.seq}</dd>
          {record.outcome !== null && (
            <>
              <dt>Outcome</dt>
              <dd>{humanise(record.outcome)}</dd>
            </>
          )}
          {record.requestId !== null && (
            <>
              <dt>Request id</dt>
              <dd className="mono">{record.requestId}</dd>
            </>
          )}
          {record.errorCode !== null && (
            <>
              <dt>Error code</dt>
              <dd className="mono">{record.errorCode}</dd>
            </>
          )}
          {record.message !== null && (
            <>
              <dt>Message</dt>
              <dd>{record.message}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}

/** One action from the audit trail: what was asked, by whom, on which account, and its attempt, outcome and verdict. */
export function AuditDetailsPanel({ record, records, onClose }: { record: AuditRecord; records: readonly AuditRecord[]; onClose(): void }) {
  const { attempt, outcome, verdict } = auditDetails(records, record.actionId);
  return (
    <section className="audit-details" aria-label="Record details" data-testid="audit-details">
      <header>
        <h2>{paramsInWords(record) || humanise(record.action)}</h2>
        <button type="button" className="button" onClick={onClose}>
          Close details
        </button>
      </header>
      <p className="muted">
        {auditAccount(record) ?? 'No account'} · {record.connection ?? MISSING} · by {record.user} · action <span className="mono">{record.actionId}</span>
      </p>
      <div className="audit-steps">
        <Step title="Attempt" record={attempt} />
        <Step title="Outcome" record={outcome} />
        <Step title="Verdict" record={verdict} />
      </div>
    </section>
  );
}
