import type { Command } from '../args';
import { askConsent, consentPrompt } from '../confirm';
import { call, CommandFailure, type CommandContext, type CommandResult } from '../context';
import { describeCloseAccount } from '../describeAction';
import { exitCodeForStates } from '../exitCodes';
import { formatCloseCheck, formatReceipt } from '../format';

export async function closeAccount(ctx: CommandContext, command: Extract<Command, { name: 'close-account' }>): Promise<CommandResult> {
  const terminal = consentPrompt(ctx, 'close an account');
  const { connection, accountId } = command;
  const check = await call(ctx, 'account:closeCheck', { connection, accountId });

  if (terminal) {
    terminal.output.write(`${formatCloseCheck(check)}\n\n`);
    if (check.blockers.length > 0) {
      throw new CommandFailure({
        code: 'precondition_failed',
        outcome: 'not_sent',
        retryable: false,
        // The check just printed lists every blocker: the refusal points at them rather than saying each one again.
        message: `Account ${check.account.number} cannot be closed yet: clear the ${check.blockers.length === 1 ? 'blocker' : `${check.blockers.length} blockers`} listed above first.`,
      });
    }
    await askConsent(terminal, describeCloseAccount(check, connection), { accountNumber: check.account.number });
  }

  // With --yes the service checks the blockers again inside its account lock and refuses while any remain.
  const receipt = await call(ctx, 'account:close', { connection, accountId, confirmAccountNumber: check.account.number });
  return { value: receipt, human: formatReceipt(receipt), exitCode: exitCodeForStates([receipt.state]) };
}
