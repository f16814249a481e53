import type { BrokerCapabilities } from '../../../shared/brokers';
import type { Account, FirmAccount } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { BrokerAdapter } from '../brokers/broker';

/** A search answer holds at most one broker page; an exact number is near its top. */
const SEARCH_LIMIT = 1000;

/**
 * The firm account a connection's wind-downs sweep cash to, as the broker knows it: found by account number (a
 * search) or id (read directly), open, and only where the broker can sweep. Read-only; throws naming field firmAccount.
 */
export async function findFirmAccount(adapter: BrokerAdapter, capabilities: BrokerCapabilities, connection: string, ref: string): Promise<FirmAccount> {
  if (!capabilities.cashSweep.available) {
    throw new AppError({ code: 'unsupported', field: 'firmAccount', outcome: 'not_sent', message: `${capabilities.displayName} cannot sweep cash, so a firm account has no use: ${capabilities.cashSweep.reason}` });
  }
  const account = exactMatch(await adapter.listAccounts(ref, { limit: SEARCH_LIMIT }), ref) ?? (await byId(adapter, ref));
  if (!account) {
    throw new AppError({ code: 'not_found', field: 'firmAccount', outcome: 'not_sent', message: `firmAccount must be an account ${connection} knows; ${capabilities.displayName} has no account numbered or with id ${ref}` });
  }
  if (account.statusTone === 'closed') {
    throw new AppError({ code: 'validation', field: 'firmAccount', outcome: 'not_sent', message: `firmAccount must be an open account; ${account.number} is ${account.status}` });
  }
  return { accountId: account.id, number: account.number, name: account.name };
}

function exactMatch(accounts: readonly Account[], ref: string): Account | undefined {
  return accounts.find((account) => account.id === ref) ?? accounts.find((account) => account.number.toLowerCase() === ref.toLowerCase());
}

async function byId(adapter: BrokerAdapter, ref: string): Promise<Account | null> {
  try {
    return await adapter.getAccount(ref);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}
