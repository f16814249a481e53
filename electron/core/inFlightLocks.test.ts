import { describe, expect, it } from 'vitest';
import { InFlightLocks, lockTarget } from './inFlightLocks';

function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { closed, open };
}

const aapl = lockTarget.position('demo', 'acct-1', 'AAPL');
const msft = lockTarget.position('demo', 'acct-1', 'MSFT');
const account = lockTarget.account('demo', 'acct-1');

describe('InFlightLocks', () => {
  it('refuses a second action on the same position while the first is in flight, naming the first', async () => {
    const locks = new InFlightLocks();
    const g = gate();
    const first = locks.run(aapl, { actionId: 'a1', description: 'close AAPL' }, () => g.closed);
    const second = locks.run(aapl, { actionId: 'a2', description: 'close AAPL again' }, async () => 'sent');
    await expect(second).rejects.toMatchObject({ code: 'in_flight', outcome: 'not_sent' });
    await expect(second).rejects.toThrow(/close AAPL \(action a1\)/);
    g.open();
    await first;
  });

  it('frees the target when the action ends, even by an error', async () => {
    const locks = new InFlightLocks();
    await expect(locks.run(aapl, { actionId: 'a1', description: 'close' }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(locks.conflictWith(aapl)).toBeUndefined();
    await expect(locks.run(aapl, { actionId: 'a2', description: 'close' }, async () => 42)).resolves.toBe(42);
  });

  it('lets closes of different positions in one account run at the same time', async () => {
    const locks = new InFlightLocks();
    const g = gate();
    const first = locks.run(aapl, { actionId: '1', description: 'close AAPL' }, () => g.closed);
    await expect(locks.run(msft, { actionId: '2', description: 'close MSFT' }, async () => 'ok')).resolves.toBe('ok');
    g.open();
    await first;
  });

  it('refuses an account-wide action while a position of that account is in flight, and the other way round', async () => {
    const locks = new InFlightLocks();
    const g = gate();
    const first = locks.run(aapl, { actionId: '1', description: 'close AAPL' }, () => g.closed);
    await expect(locks.run(account, { actionId: '2', description: 'close all' }, async () => 'x')).rejects.toMatchObject({ code: 'in_flight' });
    g.open();
    await first;

    const h = gate();
    const closeAll = locks.run(account, { actionId: '3', description: 'close all' }, () => h.closed);
    await expect(locks.run(msft, { actionId: '4', description: 'close MSFT' }, async () => 'x')).rejects.toThrow(/close all \(action 3\)/);
    h.open();
    await closeAll;
  });

  it('does not confuse an account whose id starts like another account id', async () => {
    const locks = new InFlightLocks();
    const g = gate();
    const first = locks.run(lockTarget.account('demo', 'acct-1'), { actionId: '1', description: 'close all' }, () => g.closed);
    await expect(locks.run(lockTarget.account('demo', 'acct-10'), { actionId: '2', description: 'close all' }, async () => 'ok')).resolves.toBe('ok');
    g.open();
    await first;
  });
});
