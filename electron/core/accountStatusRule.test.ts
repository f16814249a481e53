import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain';
import { accountStatusBlocker } from './accountStatusRule';

const account = (status: string, statusTone: Account['statusTone']): Account => ({ id: 'a1', number: '900000006', name: 'Ada Lovelace', status, statusTone, currency: 'USD' });

describe('accountStatusBlocker', () => {
  it('lets Alpaca close an active account', () => {
    expect(accountStatusBlocker('alpaca', account('ACTIVE', 'active'))).toBeNull();
  });

  it('says why Alpaca will not close an approved, disabled or inactive account, naming the status it accepts', () => {
    for (const status of ['APPROVED', 'DISABLED', 'INACTIVE', 'ONBOARDING']) {
      expect(accountStatusBlocker('alpaca', account(status, 'restricted'))).toBe(
        `Account 900000006 is ${status}: Alpaca closes only an ACTIVE account, so it cannot be closed in this status.`,
      );
    }
  });

  it('says an account already closed is closed', () => {
    expect(accountStatusBlocker('alpaca', account('ACCOUNT_CLOSED', 'closed'))).toBe('Account 900000006 is already closed (ACCOUNT_CLOSED).');
  });

  it('has no rule for a broker without an account close', () => {
    expect(accountStatusBlocker('clearstreet', account('INACTIVE', 'restricted'))).toBeNull();
  });
});
