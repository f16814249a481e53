import type { AuditSubject } from '../../shared/audit';
import type { Account, Order, Position } from '../../shared/domain';

const keyOf = (...parts: string[]) => parts.join('\u0000');

/**
 * The account numbers, holder names and symbols the core last read, so each audit record can keep them when the
 * action happens: people read Activity by account number, not by the broker's internal id. Nothing is fetched for
 * it; an account the core has not listed is recorded by its id alone.
 */
export function createAuditSubjects() {
  const accounts = new Map<string, Pick<Account, 'number' | 'name' | 'currency'>>();
  const symbols = new Map<string, string>();

  return {
    noteAccounts(connection: string, listed: readonly Account[]): void {
      for (const account of listed) accounts.set(keyOf(connection, account.id), { number: account.number, name: account.name, currency: account.currency });
    },
    noteSymbols(connection: string, accountId: string, items: readonly (Position | Order)[]): void {
      for (const item of items) symbols.set(keyOf(connection, accountId, item.id), item.symbol);
    },
    /** The account currency as last read, for the money in messages; null when the core has not listed the account. */
    currency(connection: string, accountId: string): string | null {
      return accounts.get(keyOf(connection, accountId))?.currency ?? null;
    },
    /** What the records of an action on this account (and position or order, when `itemId` names one) keep. */
    subject(connection: string, accountId: string, itemId?: string): AuditSubject {
      const account = accounts.get(keyOf(connection, accountId));
      const symbol = itemId === undefined ? undefined : symbols.get(keyOf(connection, accountId, itemId));
      return {
        ...(account ? { accountNumber: account.number, accountName: account.name } : {}),
        ...(symbol !== undefined ? { symbol } : {}),
      };
    },
  };
}

export type AuditSubjects = ReturnType<typeof createAuditSubjects>;
