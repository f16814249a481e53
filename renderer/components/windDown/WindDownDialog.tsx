import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { parseAccountList } from '../../../shared/accountList';
import { describeError } from '../../../shared/errors';
import { cancelWindDownMutation, prepareWindDownMutation, runWindDownMutation } from '../../api/windDown';
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
export function WindDownDialog({ connection }: { connection: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const [typed, setTyped] = useState('');
  const prepare = useMutation(prepareWindDownMutation());
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
    prepare.mutate({ connection, accounts: parsed.accounts });
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
        ? `Wind-down finished: ${reportSummary(report)}`
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
      <AccountListInput text={text} parsed={parsed} disabled={running || prepare.isPending} checking={prepare.isPending} onTextChange={changeText} onCheck={check} />
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
          <PreflightTable plan={plan} />
          {toRun > 0 ? (
            <CountConfirmation count={toRun} value={typed} onChange={setTyped} />
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
