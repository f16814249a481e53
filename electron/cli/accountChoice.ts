import { UsageError } from './args';
import { call, type CommandContext } from './context';

/** --account may be left out only when there is nothing to choose: the connection has exactly one account. */
export async function resolveAccountId(ctx: CommandContext, connection: string, accountId: string | undefined): Promise<string> {
  if (accountId !== undefined) return accountId;
  const accounts = await call(ctx, 'accounts:list', { connection });
  const only = accounts.length === 1 ? accounts[0] : undefined;
  if (only) return only.id;
  const count = accounts.length === 0 ? 'no accounts' : `${accounts.length} accounts`;
  throw new UsageError(
    `--account is required: connection "${connection}" has ${count} (list them with: closeout accounts "${connection}")`,
    ctx.topic,
    '--account',
  );
}
