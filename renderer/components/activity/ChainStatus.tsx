import { useQuery } from '@tanstack/react-query';
import { auditVerifyQuery } from '../../api/queries';
import { chainHeadline, chainNotes } from '../../lib/auditChain';
import { errorText } from '../common/QueryStatus';
import './ChainStatus.css';

/** Whether the hash chain of the audit trail holds, read fresh each time the Activity view opens. */
export function ChainStatus() {
  const verify = useQuery(auditVerifyQuery());
  if (verify.isPending) return <p className="chain-status muted">Verifying the audit chain…</p>;
  if (verify.isError) {
    return (
      <p className="chain-status chain-broken" data-testid="audit-chain-status">
        Could not verify the audit chain: {errorText(verify.error)}
      </p>
    );
  }
  const result = verify.data;
  return (
    <div className={`chain-status ${result.ok ? 'chain-ok' : 'chain-broken'}`} data-testid="audit-chain-status">
      <p>
        <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span>
        {chainHeadline(result)}
      </p>
      {chainNotes(result).map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
    </div>
  );
}
