import { checkCloseAmount } from '../../../shared/closeAmount';
import type { Command } from '../args';
import { resolveAccountId } from '../accountChoice';
import { askConsent, consentPrompt } from '../confirm';
import { call, CommandFailure, validated, type CommandContext, type CommandResult } from '../context';
import { describeClose } from '../describeAction';
import { exitCodeForStates } from '../exitCodes';
import { formatReceipt } from '../format';

export async function closePosition(ctx: CommandContext, command: Extract<Command, { name: 'close' }>): Promise<CommandResult> {
  const terminal = consentPrompt(ctx, 'close a position');
  const { connection, positionId } = command;
  const accountId = await resolveAccountId(ctx, connection, command.accountId);
  const request = { connection, accountId, positionId, amount: command.amount, retryOf: command.retryOf, wait: command.wait };

  if (terminal) {
    const { amount } = await validated(ctx, 'position:close', request);
    const [check, connections] = await Promise.all([
      call(ctx, 'account:closeCheck', { connection, accountId }),
      call(ctx, 'connections:list', {}),
    ]);
    const position = check.positions.find((candidate) => candidate.id === positionId);
    if (!position) {
      throw new CommandFailure({
        code: 'not_found', field: 'positionId', outcome: 'not_sent', retryable: false, message: `Position ${positionId} is not open in account ${check.account.number}.`,
      });
    }
    // The same amount rules the service applies, checked before the person is asked rather than after they agreed.
    const capabilities = connections.find((candidate) => candidate.name.toLowerCase() === connection.toLowerCase())?.capabilities;
    const invalid = capabilities ? checkCloseAmount(position, amount, capabilities.partialClose) : null;
    if (invalid) throw new CommandFailure(invalid.toShape());
    await askConsent(terminal, describeClose(position, amount, check.account.number, connection), 'yes');
  }

  const receipt = await call(ctx, 'position:close', request);
  return { value: receipt, human: formatReceipt(receipt), exitCode: exitCodeForStates([receipt.state]) };
}
