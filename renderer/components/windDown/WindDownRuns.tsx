import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WindDownRunStatus, WindDownRunSummary } from '../../../shared/windDown';
import { windDownRunsQuery } from '../../api/windDown';
import { formatClock } from '../../lib/format';
import { reportSummary } from '../../lib/windDownReport';
import { useDialogActions } from '../../state/dialogs';
import { Badge, type BadgeTone } from '../common/StatusBadge';
import { ReportView } from './ReportView';

const TONE: Record<WindDownRunStatus, BadgeTone> = { running: 'neutral', parked: 'warning', finished: 'positive' };

function RunLine({ run }: { run: WindDownRunSummary }) {
  const [showReport, setShowReport] = useState(false);
  const { openDialog } = useDialogActions();
  return (
    <li className="action-entry" data-testid="wind-down-run" data-run-id={run.runId} data-status={run.status}>
      <span className="action-time">{formatClock(Date.parse(run.updatedAt))}</span>
      <Badge tone={TONE[run.status]}>{run.status}</Badge>
      <span className="action-label">
        Wind-down of {run.accountCount} accounts on {run.connection} <span className="mono">({run.runId})</span>
      </span>
      <span className="action-message">
        {run.report ? reportSummary(run.report) : 'No report yet.'}
        {run.waitingFor.length > 0 ? ` Waiting: ${run.waitingFor.join('; ')}` : ''}
      </span>
      {run.status === 'parked' ? (
        <button type="button" className="button button-small" onClick={() => openDialog({ kind: 'windDown', connection: run.connection, resumeRunId: run.runId })}>
          Resume
        </button>
      ) : null}
      {run.report ? (
        <button type="button" className="button button-small" aria-expanded={showReport} onClick={() => setShowReport(!showReport)}>
          {showReport ? 'Hide report' : 'Report'}
        </button>
      ) : null}
      {showReport && run.report ? <ReportView report={run.report} /> : null}
    </li>
  );
}

/**
 * Wind-down runs from the journal, parked ones first: shown from the start, so a run that waits for settlement is found
 * again the next day, and a report outlives the dialog that showed it.
 */
export function WindDownRuns() {
  const runs = useQuery(windDownRunsQuery()).data ?? [];
  if (runs.length === 0) return null;
  const ordered = [...runs.filter((run) => run.status === 'parked'), ...runs.filter((run) => run.status !== 'parked')];
  return (
    <ol className="actions-list wind-down-runs" aria-label="Wind-down runs" data-testid="wind-down-runs">
      {ordered.map((run) => (
        <RunLine key={run.runId} run={run} />
      ))}
    </ol>
  );
}
