import type { Command } from '../args';
import { resolveAccountId } from '../accountChoice';
import { call, type CommandContext, type CommandResult } from '../context';
import { EXIT } from '../exitCodes';
import { formatAccounts, formatOrders, formatPositions } from '../format';

export async function listAccounts(ctx: CommandContext, command: Extract<Command, { name: 'accounts' }>): Promise<CommandResult> {
  const accounts = await call(ctx, 'accounts:list', {
    connection: command.connection,
    search: command.search,
    maxAccounts: command.limit,
  });
  return { value: accounts, human: formatAccounts(accounts, command.limit), exitCode: EXIT.done };
}

export async function listPositions(ctx: CommandContext, command: Extract<Command, { name: 'positions' }>): Promise<CommandResult> {
  const accountId = await resolveAccountId(ctx, command.connection, command.accountId);
  const positions = await call(ctx, 'positions:list', { connection: command.connection, accountId });
  return { value: positions, human: formatPositions(positions), exitCode: EXIT.done };
}

export async function listOrders(ctx: CommandContext, command: Extract<Command, { name: 'orders' }>): Promise<CommandResult> {
  const accountId = await resolveAccountId(ctx, command.connection, command.accountId);
  const orders = await call(ctx, 'orders:list', { connection: command.connection, accountId });
  return { value: orders, human: formatOrders(orders), exitCode: EXIT.done };
}
