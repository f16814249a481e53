import { badgeText, lockReason, type ActionEntry } from '../../lib/actionLog';
import './RowActionBadge.css';

/** "Closing…" or "Outcome unknown" beside a row's buttons, the full story in its tooltip. */
export function RowActionBadge({ entry, locked }: { entry: ActionEntry; locked: boolean }) {
  const title = locked ? lockReason(entry) : `${entry.label}: ${entry.message ?? 'outcome unknown'} Check the account before sending it again.`;
  return (
    <span className={`badge row-badge ${entry.state === 'unknown' ? 'badge-warning' : 'badge-pending'}`} data-testid="row-action-badge" title={title}>
      {badgeText(entry)}
    </span>
  );
}
