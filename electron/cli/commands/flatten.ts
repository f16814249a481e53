import type { Account } from '../../../shared/domain';
import type { FlattenPlan } from '../../../shared/flatten';
import type { Command } from '../args';
import { consentPrompt } from '../confirm';
import { call, CommandFailure, type CommandContext, type CommandResult } from '../context';
import { exitCodeForStates } from '../exitCodes';
import { askLine, type Terminal } from '../prompts';
import { formatFlattenPlan, formatFlattenReport, progressLine } from './flattenText';

type FlattenCommand = Extract<Command, { name: 'flatten' }>;

/**
 * Plans the flatten of the accounts picked (every account of the connections, or those --accounts names), shows the
 * plan on `progress` (stderr), asks for the number of positions on a terminal (--yes otherwise), runs it with a line per
 * item, and returns a result per item. Exits 0 when every item was taken, 1 when any was refused, 3 when any outcome
 * is unknown.
 */
export async function flatten(ctx: CommandContext, command: FlattenCommand, progress: NodeJS.WritableStream): Promise<CommandResult> {
  const terminal = consentPrompt(ctx, 'flatten accounts');
  const accounts = command.accounts === undefined ? undefined : await resolveAccounts(ctx, command.connections, command.accounts);
  const plan = await call(ctx, 'flatten:prepare', { connections: command.connections, ...(accounts === undefined ? {} : { accounts }) });
  progress.write(`${formatFlattenPlan(plan)}\n\n`);
  if (terminal && plan.positions + plan.orders > 0) await confirmPositions(terminal, plan);

  const stop = ctx.onPush?.('bulk:progress', (event) => {
    if (event.runId === plan.runId) progress.write(`${progressLine(event, plan)}\n`);
  });
  try {
    const report = await call(ctx, 'flatten:run', { runId: plan.runId, confirmPositions: plan.positions });
    progress.write('\n');
    return { value: { ...report, accounts: plan.accounts }, human: formatFlattenReport(report, plan), exitCode: exitCodeForStates(report.items.map((item) => item.state)) };
  } finally {
    stop?.();
  }
}

/**
 * Each reference is an account id or number, or CONNECTION:ID where the same one is found on two connections. Read
 * from the connections' own account lists, so a typo is refused before anything is read from an account.
 */
async function resolveAccounts(ctx: CommandContext, connections: readonly string[], refs: readonly string[]): Promise<{ connection: string; accountId: string }[]> {
  const listed = await Promise.all(connections.map(async (connection) => ({ connection, accounts: await call(ctx, 'accounts:list', { connection }) })));
  const matches = (account: Account, ref: string) => account.id === ref || account.number === ref;
  return refs.map((ref) => {
    const colon = ref.indexOf(':');
    const named = colon > 0 && connections.includes(ref.slice(0, colon)) ? { connection: ref.slice(0, colon), ref: ref.slice(colon + 1) } : null;
    const found = listed.flatMap(({ connection, accounts }) =>
      named !== null && named.connection !== connection ? [] : accounts.filter((account) => matches(account, named?.ref ?? ref)).map((account) => ({ connection, accountId: account.id })),
    );
    if (found.length === 1) return found[0] as { connection: string; accountId: string };
    const rule = found.length === 0 ? `names ${ref}, which no account of ${connections.join(', ')} has as its id or number` : `names ${ref}, found on ${found.map((match) => match.connection).join(' and ')}: write it as CONNECTION:${ref}`;
    throw new CommandFailure({ code: 'validation', field: '--accounts', outcome: 'not_sent', retryable: false, message: `--accounts ${rule}. Nothing was sent.` });
  });
}

/** The person types how many positions will be closed: a number they can only know by reading the plan. */
async function confirmPositions(terminal: Terminal, plan: FlattenPlan): Promise<void> {
  const question = `Flatten as planned above: close ${plan.positions} ${plan.positions === 1 ? 'position' : 'positions'} and cancel ${plan.orders} ${plan.orders === 1 ? 'order' : 'orders'} at market. This cannot be undone. Type the number of positions (${plan.positions}) to confirm: `;
  const answer = await askLine(terminal, question);
  if (answer === String(plan.positions)) return;
  throw new CommandFailure({ code: 'precondition_failed', outcome: 'not_sent', retryable: false, message: 'Not confirmed: nothing was sent.' });
}
