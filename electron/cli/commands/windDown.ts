import { AppError } from '../../../shared/errors';
import { MAX_ACCOUNT_LIST_BYTES, parseAccountList } from '../../../shared/accountList';
import { handlersOverDispatch } from '../../core/windDown/serviceCalls';
import { accountsToRun, prepareResume, prepareWindDown } from '../../core/windDown/plan';
import { windDownReportCsv } from '../../../shared/windDownCsv';
import { reportToJson } from '../../core/windDown/report';
import { counted } from '../../core/windDown/describe';
import { runWindDown } from '../../core/windDown/runner';
import { sweepSummary, type WindDownPlan, type WindDownReport } from '../../../shared/windDown';
import type { Command } from '../args';
import { readRegularFile } from '../boundedRead';
import { consentPrompt } from '../confirm';
import { CommandFailure, type CommandContext, type CommandResult } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import { askLine, type Terminal } from '../prompts';
import { reportTargetProblem, writeReportFile } from '../reportFile';
import { printable } from '../table';
import { formatPlan, formatReport, progressLines } from './windDownText';

type WindDownCommand = Extract<Command, { name: 'wind-down' }>;

const ERRORS_SHOWN = 10;

/**
 * Reads the list (or, with --resume, the run the journal kept), shows the preflight and the plan on `progress`
 * (stderr), asks once for the number of accounts on a terminal (--yes otherwise), runs the steps with a line per step,
 * and returns the report. Exits 0 when every account is done or skipped, 1 when any stopped, 3 when any step's outcome
 * is unknown, 4 when the rest waits (settlement, cash to leave) and the run is parked for --resume.
 */
export async function windDown(ctx: CommandContext, command: WindDownCommand, progress: NodeJS.WritableStream): Promise<CommandResult> {
  const terminal = consentPrompt(ctx, 'wind down accounts');
  const refs = command.list === undefined ? null : await readAccountList(command.list);
  if (command.reportFile !== undefined) await checkReportTarget(command.reportFile);
  const handlers = handlersOverDispatch(ctx.dispatch);
  const store = ctx.windDownProgress;
  const sweepTo = command.sweepTo === undefined ? {} : { sweepTo: command.sweepTo };

  try {
    const plan =
      command.resume !== undefined
        ? await prepareResume(handlers, command.resume, store, { ...(command.connection === undefined ? {} : { connection: command.connection }), ...sweepTo })
        : await prepareWindDown(handlers, command.connection ?? '', refs ?? [], store, { ...(command.runId === undefined ? {} : { runId: command.runId }), ...sweepTo });
    progress.write(`${formatPlan(plan)}\n\n`);
    const count = accountsToRun(plan).length;
    if (terminal && count > 0) await confirmCount(terminal, count, plan);

    const started = new Set<number>();
    const report = await runWindDown(handlers, plan, store, {
      onProgress: (event) => {
        const lines = progressLines(event, !started.has(event.accountIndex));
        started.add(event.accountIndex);
        if (lines.length > 0) progress.write(`${lines.join('\n')}\n`);
      },
    });
    progress.write('\n');
    let exitCode = exitCodeOf(report);
    if (command.reportFile !== undefined) {
      const exported = await exportReport(report, command.reportFile);
      progress.write(`${exported.message}\n`);
      // A script that asked for the file must not read success when it is missing.
      if (!exported.ok && exitCode === EXIT.done) exitCode = EXIT.refused;
    }
    return { value: report, human: formatReport(report), exitCode };
  } catch (error) {
    if (error instanceof AppError) throw new CommandFailure(error.toShape());
    throw error;
  }
}

async function readAccountList(list: NonNullable<WindDownCommand['list']>): Promise<string[]> {
  const field = list.kind === 'file' ? '--file' : '--accounts';
  const { accounts, errors } = parseAccountList(list.kind === 'file' ? await readListFile(list.path) : list.text);
  if (errors.length > 0) {
    const shown = errors.slice(0, ERRORS_SHOWN).join('; ');
    const more = errors.length > ERRORS_SHOWN ? `; and ${errors.length - ERRORS_SHOWN} more` : '';
    throw new CommandFailure({ code: 'validation', field, outcome: 'not_sent', retryable: false, message: `the account list is not usable: ${shown}${more}. Nothing was sent.` });
  }
  return accounts;
}

async function readListFile(file: string): Promise<string> {
  try {
    return await readRegularFile(file, { maxBytes: MAX_ACCOUNT_LIST_BYTES, what: 'an account list' });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CommandFailure({ code: 'validation', field: '--file', outcome: 'not_sent', retryable: false, message: `cannot read ${file}: ${reason}` });
  }
}

/** The person types how many accounts will be closed out: a number they can only know by reading the plan. */
async function confirmCount(terminal: Terminal, count: number, plan: WindDownPlan): Promise<void> {
  const accounts = counted(count, 'account');
  const sweep = sweepSummary(plan);
  const question = `Wind down ${accounts} on ${plan.connection} as planned above${sweep ? `, ${sweep}` : ''}. This cannot be undone. Type the number of accounts (${count}) to confirm: `;
  const answer = await askLine(terminal, question);
  if (answer === String(count)) return;
  throw new CommandFailure({ code: 'precondition_failed', outcome: 'not_sent', retryable: false, message: 'Not confirmed: nothing was sent.' });
}

/** Checked before anything is sent as well as when writing: a report that cannot be written is better known up front. */
async function checkReportTarget(file: string): Promise<void> {
  const problem = await reportTargetProblem(file);
  if (problem === null) return;
  throw new CommandFailure({ code: 'validation', field: '--report', outcome: 'not_sent', retryable: false, message: `--report ${problem}. Nothing was sent.` });
}

/** .json gets the JSON report, anything else CSV. A file that cannot be written is said, not thrown: the run is over. */
async function exportReport(report: WindDownReport, file: string): Promise<{ ok: boolean; message: string }> {
  try {
    await writeReportFile(file, file.toLowerCase().endsWith('.json') ? reportToJson(report) : windDownReportCsv(report));
    return { ok: true, message: printable(`Report written to ${file}.`) };
  } catch (error) {
    return { ok: false, message: printable(`closeout: the report could not be written to ${file}: ${(error as Error).message}`) };
  }
}

function exitCodeOf(report: WindDownReport): ExitCode {
  if (report.summary.unknown > 0) return EXIT.unknown;
  if (report.summary.stopped > 0) return EXIT.refused;
  if (report.summary.parked > 0) return EXIT.parked;
  return EXIT.done;
}
