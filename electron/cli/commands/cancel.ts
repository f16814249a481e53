import type { Command } from '../args';
import { resolveAccountId } from '../accountChoice';
import { askConsent, consentPrompt } from '../confirm';
import { call, validated, type CommandContext, type CommandResult } from '../context';
import { describeCancel } from '../describeAction';
import { exitCodeForStates } from '../exitCodes';
import { formatReceipt } from '../format';

export async function cancelOrder(ctx: CommandContext, command: Extract<Command, { name: 'cancel' }>): Promise<CommandResult> {
  const terminal = consentPrompt(ctx, 'cancel an order');
  const { connection, orderId } = command;
  const accountId = await resolveAccountId(ctx, connection, command.accountId);
  const request = { connection, accountId, orderId };

  if (terminal) {
    await validated(ctx, 'order:cancel', request);
    const check = await call(ctx, 'account:closeCheck', { connection, accountId });
    const order = check.openOrders.find((candidate) => candidate.id === orderId);
    await askConsent(terminal, describeCancel(order, orderId, check.account.number, connection), 'yes');
  }

  const receipt = await call(ctx, 'order:cancel', request);
  return { value: receipt, human: formatReceipt(receipt), exitCode: exitCodeForStates([receipt.state]) };
}
