import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { parseAccountList } from '../../../shared/accountList';
import { describeError } from '../../../shared/errors';
import { connectionsQuery } from '../../api/queries';
import { cancelWindDownMutation, prepareWindDownMutation, resumeWindDownMutation, runWindDownMutation } from '../../api/windDown';
import { sweepSummary } from '../../../shared/windDown';
import { useSendOnce } from '../../hooks/useSendOnce';
import { windDownReportCsv } from '../../../shared/windDownCsv';
import { windDownReportFileName } from '../../lib/windDownCsv';
import { accountsToRun, confirmsCount, planHeadline } from '../../lib/windDownPlan';
import { reportSummary } from '../../lib/windDownReport';
import { plural } from '../../lib/format';
import { useWindDownProgressActions, useWindDownRunProgress } from '../../state/windDownProgress';
import { downloadText } from '../activity/downloadText';
import { DialogFrame, DismissButton } from '../dialogs/DialogFrame';
import { ConfirmButton, SendError } from '../dialogs/confirmationBlocks';
import { AccountListInput } from './AccountListInput';
import { CountConfirmation } from './CountConfirmation';
import { PreflightTable } from './PreflightTable';
import { ReportView } from './ReportView';
import { RunProgressView } from './RunProgressView';
import './WindDownDialog.css';

/**
 * Account wind-down for support staff: a list of accounts is checked (read only), the plan shown per account, one typed
 * number confirms it, and the run reports each step as it goes and each account at the end. Checking the same list
 * again resumes a run that stopped: what an earlier run settled is not sent again.
 */
export function WindDownDialog({ connection, resumeRunId }: { connection: string; resumeRunId?: string | undefined }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const connections = useQuery(connectionsQuery());
  const firmAccount = connections.data?.find((candidate) => candidate.name === connection)?.firmAccount ?? null;
  // null until the person types: the field shows the connection's firm account, which is what a check then sends.
  const [typedSweepTo, setSweepTo] = useState<string | null>(null);
  const sweepTo = typedSweepTo ?? firmAccount?.number ?? '';
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const [typed, setTyped] = useState('');
  const fresh = useMutation(prepareWindDownMutation());
  const resume = useMutation(resumeWindDownMutation());
  const prepare = resumeRunId === undefined ? fresh : resume;
  const run = useMutation(runWindDownMutation(queryClient, connection));
  const cancel = useMutation(cancelWindDownMutation());
  const once = useSendOnce();
  const { clear: clearProgress } = useWindDownProgressActions();
  const progress = useWindDownRunProgress(run.variables?.runId ?? null);

  const plan = prepare.data ?? null;
  const report = run.data ?? null;
  const running = run.isPending;
  const toRun = plan ? accountsToRun(plan).length : 0;
  const canStart = plan !== null && run.isIdle && !prepare.isPending && confirmsCount(typed, toRun);
  const stopping = cancel.isPending || cancel.data?.cancelled === true;

  const changeText = (value: string) => {
    setText(value);
    // A plan belongs to the list it was checked for.
    prepare.reset();
    setTyped('');
  };

  const check = () => {
    run.reset();
    cancel.reset();
    setTyped('');
    once.release();
    if (resumeRunId !== undefined) resume.mutate({ runId: resumeRunId });
    else fresh.mutate({ connection, accounts: parsed.accounts, sweepTo: sweepTo.trim() === '' ? null : sweepTo.trim() });
  };

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!plan || !canStart || !once.claim()) return;
    clearProgress(plan.runId);
    // Whatever the answer, the next start goes through a fresh check: the main process forgets a plan once it runs.
    run.mutate({ runId: plan.runId, confirmCount: toRun });
  };

  const exportReport = () => {
    if (report) downloadText(windDownReportFileName(new Date()), windDownReportCsv(report), 'text/csv;charset=utf-8');
  };

  const status = prepare.isPending
    ? `Checking ${parsed.accounts.length} ${plural(parsed.accounts.length, 'account')}…`
    : running
      ? `Closing out: ${progress?.accountsDone ?? 0} of ${plan?.accounts.length ?? 0} accounts done.`
      : report
        ? `Wind-down ${report.status === 'parked' ? 'parked, waiting' : 'finished'}: ${reportSummary(report)}`
        : plan
          ? `${plan.resumed ? 'Resumes an earlier run. ' : ''}${planHeadline(plan)}`
          : '';

  return (
    <DialogFrame
      full
      locked={running}
      title={`Wind down accounts on ${connection}`}
      description="For each account: cancel open orders, close positions at market, wait until flat, check that nothing (cash included) remains, close the account. Checking reads the accounts and sends nothing."
      onSubmit={start}
      footer={
        running ? (
          <button type="button" className="button" disabled={stopping || run.variables === undefined} onClick={() => run.variables && cancel.mutate({ runId: run.variables.runId })}>
            {stopping ? 'Stopping after this step…' : 'Stop after this step'}
          </button>
        ) : (
          <>
            <DismissButton>Close</DismissButton>
            {report ? (
              <button type="button" className="button" onClick={exportReport}>
                Export report (CSV)
              </button>
            ) : null}
            {plan && !report ? (
              <ConfirmButton disabled={!canStart} pending={false}>
                Start wind-down
              </ConfirmButton>
            ) : null}
          </>
        )
      }
    >
      {resumeRunId === undefined ? (
        <>
          <AccountListInput text={text} parsed={parsed} disabled={running || prepare.isPending} checking={prepare.isPending} onTextChange={changeText} onCheck={check} />
          <label className="field wind-down-sweep">
            <span>
              Sweep cash to firm account (id or number; leave empty for no sweep)
              {firmAccount !== null && sweepTo === firmAccount.number ? `: the connection's firm account, ${firmAccount.name}` : ''}
            </span>
            <input
              value={sweepTo}
              disabled={running || prepare.isPending}
              data-testid="wind-down-sweep-to"
              onChange={(event) => {
                setSweepTo(event.target.value);
                prepare.reset();
                setTyped('');
              }}
            />
          </label>
        </>
      ) : (
        <p className="note note-info">
          Resuming run <span className="mono">{resumeRunId}</span>: its accounts and firm account as the journal kept them, read again now.{' '}
          <button type="button" className="button button-small" disabled={running || prepare.isPending} onClick={check}>
            Check the accounts again
          </button>
        </p>
      )}
      <p className="wind-down-status" role="status" data-testid="wind-down-status">
        {status}
      </p>
      {prepare.isError ? (
        <p className="note note-error" role="alert">
          Could not check the accounts: {describeError(prepare.error)}
        </p>
      ) : null}
      {plan && running ? <RunProgressView plan={plan} progress={progress} stopping={stopping} /> : null}
      {report ? <ReportView report={report} /> : null}
      {plan && run.isIdle ? (
        <>
          {plan.resumed ? (
            <p className="note note-info" data-testid="wind-down-resumed">
              This list was run before (run {plan.runId}): steps that run settled are not sent again, and accounts it closed out are already done.
            </p>
          ) : null}
          <p className="note note-info" data-testid="wind-down-sweep">
            {plan.sweepTo === null
              ? 'Cash sweep: off. An account holding cash waits until it is withdrawn at the broker.'
              : `Cash sweep: to firm account ${plan.sweepTo.number} (${plan.sweepTo.name})${sweepSummary(plan) ? `, ${sweepSummary(plan)}` : ''}.`}
          </p>
          <PreflightTable plan={plan} />
          {toRun > 0 ? (
            <CountConfirmation count={toRun} value={typed} onChange={setTyped} sweep={sweepSummary(plan)} />
          ) : (
            <p className="note note-info">Nothing to send: no account in this list needs closing out now.</p>
          )}
        </>
      ) : null}
      {cancel.isError ? (
        <p className="note note-error" role="alert">
          Could not ask the run to stop: {describeError(cancel.error)}
        </p>
      ) : null}
      {run.isError ? <SendError error={run.error} /> : null}
    </DialogFrame>
  );
}
