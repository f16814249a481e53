import type { Command } from '../args';
import { resolveAccountId } from '../accountChoice';
import { askConsent, consentPrompt } from '../confirm';
import { call, type CommandContext, type CommandResult } from '../context';
import { describeCloseAll } from '../describeAction';
import { exitCodeForStates } from '../exitCodes';
import { formatCloseAllReceipt } from '../format';

export async function closeAllPositions(ctx: CommandContext, command: Extract<Command, { name: 'close-all' }>): Promise<CommandResult> {
  const terminal = consentPrompt(ctx, 'close all positions');
  const { connection, cancelOrders } = command;
  const accountId = await resolveAccountId(ctx, connection, command.accountId);

  if (terminal) {
    const check = await call(ctx, 'account:closeCheck', { connection, accountId });
    await askConsent(terminal, describeCloseAll(check, connection, cancelOrders), { accountNumber: check.account.number });
  }

  const receipt = await call(ctx, 'positions:closeAll', { connection, accountId, cancelOrders, wait: command.wait });
  // A partly refused close-all is not "done": a script must see that some positions are still open.
  const exitCode = exitCodeForStates([receipt.state, ...receipt.items.map((item) => item.state)]);
  return { value: receipt, human: formatCloseAllReceipt(receipt), exitCode };
}
