import { STEP_LABELS, type WindDownPlan, type WindDownProgress, type WindDownReport, type PlannedAccount } from '../../../shared/windDown';
import { printable, renderTable } from '../table';

// What wind-down prints for a person: the preflight and plan and the progress on stderr, the report on stdout.

const BAR_WIDTH = 20;

export function formatPlan(plan: WindDownPlan): string {
  const done = plan.accounts.filter((account) => account.alreadyDone).length;
  const resumed = plan.resumed ? `, resuming an earlier run (${done} of ${plan.accounts.length} accounts already done)` : '';
  const table = renderTable(plan.accounts, [
    { header: 'REF', value: (a) => a.ref },
    { header: 'NUMBER', value: (a) => a.account?.number ?? null },
    { header: 'NAME', value: (a) => a.account?.name ?? null },
    { header: 'STATUS', value: (a) => a.account?.status ?? null },
    { header: 'POSITIONS', value: (a) => (a.account ? String(a.positions.length) : null), align: 'right' },
    { header: 'OPEN ORDERS', value: (a) => (a.account ? String(a.openOrders.length) : null), align: 'right' },
    { header: 'CASH', value: (a) => (a.cash === null ? null : `${a.cash}${a.currency ? ` ${a.currency}` : ''}`), align: 'right' },
    { header: 'PLAN', value: planWord },
  ]);
  const sweep = plan.sweepTo === null ? 'Cash sweep: off (cash must be withdrawn at the broker).' : `Cash sweep: to firm account ${plan.sweepTo.number} (${plan.sweepTo.name}).`;
  const lines = [printable(`Wind-down on ${plan.connection}, run ${plan.runId}${resumed}:`), '', table, '', printable(sweep), '', 'Plan (now: finishes in this run; waits: the account parks there until a resume):'];
  for (const account of plan.accounts) lines.push(...planLines(account));
  return lines.join('\n');
}

function planWord(account: PlannedAccount): string {
  if (account.alreadyDone) return 'done earlier';
  if (account.disposition === 'skip') return 'skip';
  if (account.disposition === 'stop') return 'needs a person';
  return account.completed.length > 0 ? 'resume' : 'wind down';
}

function planLines(account: PlannedAccount): string[] {
  const who = printable(account.account ? `${account.account.number} (${account.account.name})` : account.ref);
  if (account.alreadyDone) return [`  ${who}: done in an earlier run; nothing is sent.`];
  if (account.disposition !== 'run') return [`  ${who}: ${account.disposition === 'skip' ? 'skipped' : 'stopped'}: ${printable(account.reason ?? '')}; nothing is sent.`];
  return [
    `  ${who}:`,
    ...account.steps.map((step) => {
      if (account.completed.includes(step.step)) return `    - ${STEP_LABELS[step.step]}: settled in an earlier run`;
      if (step.action === 'skip') return printable(`    - ${STEP_LABELS[step.step]}: skipped, ${step.note}`);
      return printable(`    - ${step.waitsFor ? `waits (${step.waitsFor === 'settlement' ? 'settlement' : 'cash to leave'})` : 'now'}: ${step.note}`);
    }),
  ];
}

/**
 * One line as an account starts (with a bar of how far the run is), then one per settled step, named by its account:
 * accounts run side by side, so their lines interleave.
 */
export function progressLines(event: WindDownProgress, firstOfAccount: boolean): string[] {
  const lines: string[] = [];
  if (firstOfAccount) {
    const filled = Math.round((event.accountIndex / event.accountCount) * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const who = event.account.number ? `${event.account.number} (${event.account.name ?? ''})` : event.account.ref;
    lines.push(printable(`${bar} account ${event.accountIndex + 1} of ${event.accountCount}: ${who}`));
  }
  if (event.state !== 'running') lines.push(printable(`    ${event.account.number ?? event.account.ref} ${STEP_LABELS[event.step]}: ${event.state}. ${event.message}`));
  return lines;
}

export function formatReport(report: WindDownReport): string {
  const table = renderTable(report.accounts, [
    { header: 'REF', value: (a) => a.ref },
    { header: 'NUMBER', value: (a) => a.number },
    { header: 'NAME', value: (a) => a.name },
    { header: 'STATUS', value: (a) => (a.unknown ? 'stopped (unknown)' : a.status) },
    { header: 'CLOSED', value: (a) => (a.closed ? 'yes' : 'no') },
    { header: 'REASON', value: (a) => a.reason ?? null },
  ]);
  const { done, stopped, skipped, parked, unknown } = report.summary;
  const lines = [table, '', `${done} done, ${parked} parked, ${stopped} stopped, ${skipped} skipped. Run ${report.runId}.`];
  if (parked > 0) {
    lines.push(`Parked, waiting: ${report.accounts.filter((a) => a.status === 'parked').map((a) => printable(`${a.number ?? a.ref} (${a.reason ?? ''})`)).join('; ')}`);
    lines.push(`Resume it once that has happened: closeout wind-down --resume ${report.runId}`);
  }
  if (unknown > 0) {
    lines.push(`${unknown === 1 ? '1 account has' : `${unknown} accounts have`} a step whose outcome is unknown: check at the broker before running again.`);
  }
  if (stopped > 0) lines.push('Run the same command again to resume: settled steps are not sent again.');
  return lines.join('\n');
}
