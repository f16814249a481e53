import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CloseAmount } from '../../shared/actions';
import type { AuditRecord } from '../../shared/audit';
import { BROKER_CAPABILITIES } from '../../shared/brokers';
import { dec, toDecimalString } from '../../shared/decimal';
import type { Account, Order, Position } from '../../shared/domain';
import type { PolledList } from '../../shared/polledList';
import { AppError } from '../../shared/errors';
import { createMemoryProgressStore } from './windDown/progressStore';
import { createMemoryAuditKeys } from './credentials/auditKeyStore';
import { openJournalStores } from './journal';
import { brokerIdentity, leaseKey } from './journal/leaseKeys';
import { plantHolder, plantLease, tempJournal } from './journal/journal.testkit';
import { processStartId } from './journal/processIdentity';
import type { BrokerAdapter, ClosePositionOptions } from './brokers/broker';
import { createMemoryProfileStore } from './connections/profileStore';
import { createMemoryVault } from './credentials/memoryVault';
import { createDispatcher } from './dispatcher';
import { describeReconcileTarget, storeReconcileTarget } from './reconcile';
import { createService, type ServiceDeps } from './service';

// An in-memory broker for the service's own rules (locks, validation, preconditions, audit); the adapters themselves
// are tested against the real simulators over HTTP.
class FakeBroker implements BrokerAdapter {
  readonly kind = 'alpaca' as const;
  readonly capabilities = BROKER_CAPABILITIES.alpaca;
  account: Account = { id: 'acct-1', number: '9JA74XQ2', name: 'Ada Lovelace', status: 'ACTIVE', statusTone: 'active', currency: 'USD' };
  cash = '0';
  positions: Position[] = [position('AAPL', '10', false), position('BTCUSD', '0.5', true)];
  orders: Order[] = [];
  /** Holds every read of the positions until it resolves, as a slow broker would. */
  readGate: Promise<void> = Promise.resolve();
  closeCalls: Array<{ id: string; amount: CloseAmount; clientOrderId?: string }> = [];
  accountCloses = 0;
  closeGate: Promise<void> = Promise.resolve();
  /** Refuses the next close as the broker would, then goes back to accepting. */
  refuseNextClose = false;

  async listAccounts() { return [this.account]; }
  async getAccount() { return this.account; }
  async getBalances() { return { accountId: this.account.id, cash: toDecimalString(this.cash), equity: toDecimalString(this.cash), buyingPower: null, buyingPowerKind: 'buying_power' as const, dayPnl: null, currency: 'USD' }; }
  async listPositions() {
    await this.readGate;
    return this.positions;
  }
  async listOrders() { return this.orders; }
  async closePosition(_accountId: string, target: Position, amount: CloseAmount, options: ClosePositionOptions = {}) {
    this.closeCalls.push({ id: target.id, amount, ...(options.clientOrderId ? { clientOrderId: options.clientOrderId } : {}) });
    await this.closeGate;
    if (this.refuseNextClose) {
      this.refuseNextClose = false;
      throw new AppError({ code: 'broker_rejected', outcome: 'rejected', brokerCode: '40310000', message: 'insufficient qty available for order' });
    }
    return { requestId: 'req-1', order: null, message: `Close order for ${target.symbol} accepted.` };
  }
  async closeAllPositions() { return { requestId: 'req-2', items: [] }; }
  async cancelOrder() { return { requestId: 'req-3', order: null, message: 'Cancel accepted.' }; }
  async closeAccount() {
    this.accountCloses += 1;
    return { requestId: 'req-4', order: null, message: 'Account closed.' };
  }
}

function position(symbol: string, quantity: string, fractional: boolean): Position {
  return {
    id: symbol, accountId: 'acct-1', symbol, side: 'long', quantity: toDecimalString(quantity), available: toDecimalString(quantity),
    unit: { name: 'shares', step: toDecimalString(fractional ? '0.000000001' : '1') }, fractional, avgPrice: null, lastPrice: null,
    marketValue: null, unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function journal() {
  const stores = await tempJournal();
  cleanups.push(stores.cleanup);
  return stores;
}

const DEMO_PROFILE = { name: 'Demo', broker: 'alpaca', baseUrl: 'http://127.0.0.1:1', keyId: 'k', createdAt: '2026-01-01T00:00:00Z' } as const;

/** A service over a fresh journal; `beforeStart` prepares the journal and the broker before the service starts on them. */
async function setup(options: { beforeStart?(stores: Awaited<ReturnType<typeof journal>>, broker: FakeBroker): Promise<void>; emit?: ServiceDeps['emit'] } = {}) {
  const broker = new FakeBroker();
  const stores = await journal();
  await options.beforeStart?.(stores, broker);
  const vault = createMemoryVault();
  const handlers = createService({
    ...(options.emit ? { emit: options.emit } : {}),
    profiles: createMemoryProfileStore(),
    vault,
    stores,
    windDownProgress: createMemoryProgressStore(),
    adapterFactories: { alpaca: () => broker },
    demoConnections: [{ profile: DEMO_PROFILE, secret: 'demo-secret' }],
    demo: true,
    version: 'test',
  });
  return { broker, stores, audit: stores.audit, vault, dispatch: createDispatcher(handlers) };
}

const target = { connection: 'Demo', accountId: 'acct-1' };

describe('the Closeout service', () => {
  it('sends one close when the same position is asked to close twice at once, and names the first action to the second', async () => {
    const { broker, dispatch } = await setup();
    let release!: () => void;
    broker.closeGate = new Promise((resolve) => (release = resolve));
    const first = dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    release();
    expect(await first).toMatchObject({ ok: true, data: { kind: 'close_position', state: 'accepted', requestId: 'req-1' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'in_flight', outcome: 'not_sent' } });
    expect(broker.closeCalls).toHaveLength(1);
  });

  it('refuses a partial close that breaks a rule before anything is sent', async () => {
    const { broker, dispatch } = await setup();
    const tooMany = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '11' } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'validation', field: 'quantity', message: 'quantity must be at most the available 10 shares' } });
    const fractional = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '2.5' } });
    expect(fractional).toMatchObject({ ok: false, error: { field: 'quantity', message: expect.stringMatching(/whole number of shares/) } });
    const percent = await dispatch('position:close', { ...target, positionId: 'BTCUSD', amount: { kind: 'percent', percent: '33.1234567891' } });
    expect(percent).toMatchObject({ ok: false, error: { field: 'percent', message: 'percent must have at most 9 decimal places' } });
    expect(broker.closeCalls).toEqual([]);
  });

  it('accepts a fractional quantity on a fractional position', async () => {
    const { broker, dispatch } = await setup();
    const answer = await dispatch('position:close', { ...target, positionId: 'BTCUSD', amount: { kind: 'quantity', quantity: '0.25' } });
    expect(answer.ok).toBe(true);
    expect(broker.closeCalls).toEqual([{ id: 'BTCUSD', amount: { kind: 'quantity', quantity: '0.25' }, clientOrderId: expect.any(String) }]);
  });

  it('says which position was not found', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('position:close', { ...target, positionId: 'TSLA', amount: { kind: 'all' } })).toMatchObject({
      ok: false, error: { code: 'not_found', message: 'Position TSLA is not open in account 9JA74XQ2.' },
    });
  });

  it('refuses to close an account while positions remain, naming them, and closes it once flat', async () => {
    const { broker, dispatch } = await setup();
    const refused = await dispatch('account:close', { ...target, confirmAccountNumber: '9JA74XQ2' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed', message: expect.stringMatching(/AAPL long 10, BTCUSD long 0\.5/) } });
    expect(broker.accountCloses).toBe(0);

    broker.positions = [];
    const wrongNumber = await dispatch('account:close', { ...target, confirmAccountNumber: '9JA74XQ' });
    expect(wrongNumber).toMatchObject({ ok: false, error: { code: 'validation', field: 'confirmAccountNumber' } });
    expect(await dispatch('account:close', { ...target, confirmAccountNumber: '9JA74XQ2' })).toMatchObject({ ok: true, data: { kind: 'close_account' } });
    expect(broker.accountCloses).toBe(1);
  });

  it('refuses to close an account in a status the broker does not close, saying why, and sends nothing', async () => {
    const { broker, dispatch } = await setup();
    broker.positions = [];
    broker.account = { ...broker.account, status: 'APPROVED', statusTone: 'restricted' };
    const check = await dispatch('account:closeCheck', target);
    expect(check).toMatchObject({ ok: true, data: { blockers: ['Account 9JA74XQ2 is APPROVED: Alpaca closes only an ACTIVE account, so it cannot be closed in this status.'] } });
    const refused = await dispatch('account:close', { ...target, confirmAccountNumber: '9JA74XQ2' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed', outcome: 'not_sent', message: expect.stringContaining('Alpaca closes only an ACTIVE account') } });
    expect(broker.accountCloses).toBe(0);
  });

  it('records every attempt before it is sent and every outcome after, with no secret', async () => {
    const { audit, dispatch } = await setup();
    await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    await dispatch('position:close', { ...target, positionId: 'TSLA', amount: { kind: 'all' } });
    await dispatch('connections:add', { name: 'Real', broker: 'alpaca', baseUrl: 'https://broker-api.sandbox.alpaca.markets', keyId: 'AKID', secret: 'top-secret-value' });
    const records = await audit.read();
    expect(records.map((r) => [r.action, r.phase, r.outcome, r.errorCode])).toEqual([
      ['close_position', 'attempt', null, null],
      ['close_position', 'outcome', 'accepted', null],
      ['close_position', 'attempt', null, null],
      ['close_position', 'outcome', 'not_sent', 'not_found'],
      ['connection_add', 'attempt', null, null],
      ['connection_add', 'outcome', 'done', null],
    ]);
    expect(records[1]).toMatchObject({ connection: 'Demo', broker: 'alpaca', accountId: 'acct-1', requestId: 'req-1' });
    expect(JSON.stringify(records)).not.toContain('top-secret-value');
    expect((await audit.verify()).ok).toBe(true);
  });

  it('keeps a new connection secret in the vault and never returns it', async () => {
    const { vault, dispatch } = await setup();
    const added = await dispatch('connections:add', { name: 'Real', broker: 'alpaca', baseUrl: 'https://broker-api.sandbox.alpaca.markets', keyId: 'AKID', secret: 'top-secret-value' });
    expect(JSON.stringify(added)).not.toContain('top-secret-value');
    expect(await vault.get('Real')).toBe('top-secret-value');
    const listed = await dispatch('connections:list', {});
    expect(JSON.stringify(listed)).not.toContain('top-secret-value');
    expect(listed).toMatchObject({ ok: true, data: [{ name: 'Demo', demo: true }, { name: 'Real', demo: false }] });
    await dispatch('connections:remove', { name: 'real' });
    expect(await vault.get('Real')).toBeNull();
  });

  it('refuses a second connection with the same name and a missing key id', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('connections:add', { name: 'demo', broker: 'alpaca', baseUrl: 'https://x.example', keyId: 'k', secret: 's' })).toMatchObject({
      ok: false, error: { code: 'connection_exists', field: 'name' },
    });
    expect(await dispatch('connections:add', { name: 'New', broker: 'alpaca', baseUrl: 'https://x.example', secret: 's' })).toMatchObject({
      ok: false, error: { code: 'validation', field: 'keyId' },
    });
  });
});

describe('close all at a broker without a bulk endpoint', () => {
  it('closes ticket by ticket, pushes progress and ends with a result per position', async () => {
    const broker = new FakeBroker();
    Object.assign(broker, { closeAllPositions: undefined });
    const progress: Array<{ done: number; total: number }> = [];
    const handlers = createService({
      profiles: createMemoryProfileStore(),
      vault: createMemoryVault(),
      stores: await journal(),
      windDownProgress: createMemoryProgressStore(),
      adapterFactories: { alpaca: () => broker },
      demoConnections: [{ profile: { name: 'Demo', broker: 'alpaca', baseUrl: 'http://127.0.0.1:1', keyId: 'k', createdAt: '2026-01-01T00:00:00Z' }, secret: 's' }],
      demo: true,
      version: 'test',
      emit: (event, payload) => {
        if (event === 'action:progress') progress.push(payload as { done: number; total: number });
      },
    });
    const receipt = await handlers['positions:closeAll']({ ...target, cancelOrders: false });
    expect(receipt.items.map((item) => [item.symbol, item.state])).toEqual([['AAPL', 'accepted'], ['BTCUSD', 'accepted']]);
    expect(receipt.message).toBe('Closing accepted for 2 of 2 positions.');
    expect(broker.closeCalls.map((call) => call.amount)).toEqual([{ kind: 'all' }, { kind: 'all' }]);
    expect(progress.map((p) => [p.done, p.total])).toEqual([[1, 2], [2, 2]]);
  });
});

describe('the activity trail', () => {
  it('lists the newest records first, filtered by account, action and outcome, and verifies the chain', async () => {
    const { dispatch } = await setup();
    const list = async (request: object) => {
      const answer = await dispatch('audit:list', request);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data as AuditRecord[];
    };
    await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    await dispatch('position:close', { ...target, positionId: 'TSLA', amount: { kind: 'all' } });
    await dispatch('order:cancel', { ...target, orderId: 'o-1' });
    expect((await list({})).map((r) => [r.action, r.phase])).toEqual([
      ['cancel_order', 'outcome'], ['cancel_order', 'attempt'],
      ['close_position', 'outcome'], ['close_position', 'attempt'],
      ['close_position', 'outcome'], ['close_position', 'attempt'],
    ]);
    expect((await list({ action: 'close_position', outcome: 'not_sent' })).map((r) => r.params)).toEqual([
      { positionId: 'TSLA', amount: { kind: 'all' }, clientOrderId: expect.any(String) },
    ]);
    expect(await list({ accountId: 'acct-2' })).toEqual([]);
    expect(await list({ limit: 1 })).toHaveLength(1);
    expect(await dispatch('audit:verify', {})).toMatchObject({ ok: true, data: { ok: true, records: 6 } });
  });

  it('keeps the account number, holder name and symbol the core last listed in each record, and only the id before that', async () => {
    const { dispatch } = await setup();
    const newest = async () => {
      const answer = await dispatch('audit:list', { limit: 2 });
      if (!answer.ok) throw new Error(answer.error.message);
      return (answer.data as AuditRecord[]).map((r) => [r.phase, r.accountId, r.accountNumber, r.accountName, r.symbol]);
    };
    await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '1' } });
    expect(await newest()).toEqual([
      ['outcome', 'acct-1', undefined, undefined, undefined],
      ['attempt', 'acct-1', undefined, undefined, undefined],
    ]);
    await dispatch('accounts:list', { connection: 'Demo' });
    await dispatch('positions:list', target);
    await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '1' } });
    expect(await newest()).toEqual([
      ['outcome', 'acct-1', '9JA74XQ2', 'Ada Lovelace', 'AAPL'],
      ['attempt', 'acct-1', '9JA74XQ2', 'Ada Lovelace', 'AAPL'],
    ]);
    expect(await dispatch('audit:verify', {})).toMatchObject({ ok: true, data: { ok: true, records: 4 } });
  });

  it('keeps the account number and holder name read by a closeout preflight, as wind-down runs read them', async () => {
    const { dispatch } = await setup();
    await dispatch('account:closeCheck', target);
    await dispatch('positions:closeAll', { ...target, cancelOrders: false });
    const answer = await dispatch('audit:list', { action: 'close_all' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect((answer.data as AuditRecord[]).map((r) => [r.phase, r.accountNumber, r.accountName])).toEqual([
      ['outcome', '9JA74XQ2', 'Ada Lovelace'],
      ['attempt', '9JA74XQ2', 'Ada Lovelace'],
    ]);
  });
});

describe('a deliberate retry', () => {
  it('sends the client order id of the earlier attempt again, so a broker that already acted refuses the duplicate', async () => {
    const { broker, dispatch } = await setup();
    broker.refuseNextClose = true;
    const first = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '2' } });
    if (first.ok) throw new Error('the first close should have been refused');
    const retried = await dispatch('position:close', {
      ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '2' }, retryOf: first.error.actionId,
    });
    expect(retried.ok).toBe(true);
    const [original, retry] = broker.closeCalls;
    expect(original?.clientOrderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry?.clientOrderId).toBe(original?.clientOrderId);
  });

  it('refuses to retry a close that happened, since sending it again would close twice', async () => {
    const { broker, dispatch } = await setup();
    const first = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '2' } });
    if (!first.ok) throw new Error(first.error.message);
    const retried = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '2' }, retryOf: (first.data as { actionId: string }).actionId });
    expect(retried).toMatchObject({ ok: false, error: { code: 'validation', field: 'retryOf', message: expect.stringMatching(/is accepted, so sending it again could close twice/) } });
    expect(broker.closeCalls).toHaveLength(1);
  });

  it('refuses to retry an action it does not know', async () => {
    const { broker, dispatch } = await setup();
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' }, retryOf: '2f1c1a52-7f4e-4a39-9a53-3c9d0f1f2b11' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'retryOf' } });
    expect(broker.closeCalls).toEqual([]);
  });
});

describe('in-flight refusals', () => {
  it('treat a connection name typed in another case as the same connection', async () => {
    const { broker, dispatch } = await setup();
    let release!: () => void;
    broker.closeGate = new Promise((resolve) => (release = resolve));
    const first = dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await dispatch('position:close', { ...target, connection: 'DEMO', positionId: 'AAPL', amount: { kind: 'all' } });
    release();
    await first;
    expect(second).toMatchObject({ ok: false, error: { code: 'in_flight' } });
    expect(broker.closeCalls).toHaveLength(1);
  });
});

describe('polling a list', () => {
  type Dispatch = Awaited<ReturnType<typeof setup>>['dispatch'];
  async function poll(dispatch: Dispatch, channel: 'positions:poll' | 'orders:poll', knownRevision?: string): Promise<PolledList<unknown>> {
    const answer = await dispatch(channel, { ...target, ...(knownRevision ? { knownRevision } : {}) });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data as PolledList<unknown>;
  }

  it('sends the positions with a revision, then only "unchanged" while the broker still holds the same ones', async () => {
    const { broker, dispatch } = await setup();
    const first = await poll(dispatch, 'positions:poll');
    expect(first).toMatchObject({ unchanged: false, items: broker.positions });
    expect(await poll(dispatch, 'positions:poll', first.revision)).toEqual({ revision: first.revision, unchanged: true });
  });

  it('sends the positions again as soon as one of them changes', async () => {
    const { broker, dispatch } = await setup();
    const first = await poll(dispatch, 'positions:poll');
    broker.positions = [position('AAPL', '9', false), ...broker.positions.slice(1)];
    const after = await poll(dispatch, 'positions:poll', first.revision);
    expect(after).toMatchObject({ unchanged: false, items: broker.positions });
    expect(after.revision).not.toBe(first.revision);
  });

  it('polls orders the same way', async () => {
    const { broker, dispatch } = await setup();
    const first = await poll(dispatch, 'orders:poll');
    expect(await poll(dispatch, 'orders:poll', first.revision)).toMatchObject({ unchanged: true });
    broker.orders = [
      {
        id: 'o-1', accountId: 'acct-1', clientOrderId: null, symbol: 'AAPL', side: 'sell', type: 'limit', quantity: toDecimalString('1'),
        filledQuantity: toDecimalString('0'), limitPrice: toDecimalString('200'), stopPrice: null, avgFillPrice: null, timeInForce: 'day', status: 'new', open: true, createdAt: '2026-01-01T00:00:00Z', updatedAt: null,
      },
    ];
    expect(await poll(dispatch, 'orders:poll', first.revision)).toMatchObject({ unchanged: false, items: broker.orders });
  });

  it('refuses a revision the core could never have given, naming the field', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('positions:poll', { ...target, knownRevision: 'not a revision!' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'knownRevision' } });
  });
});

describe('another Closeout process acting on the same account', () => {
  function leaseHeldBy(stores: Awaited<ReturnType<typeof journal>>, pid: number, startId: string | null) {
    plantLease(stores.journal, leaseKey.account(brokerIdentity(DEMO_PROFILE), 'acct-1'), plantHolder(stores.journal, pid, startId));
  }

  it('refuses a close while it holds the account, records the refusal, sends nothing, and closes once it is gone', async () => {
    const { broker, audit, stores, dispatch } = await setup();
    leaseHeldBy(stores, process.ppid, processStartId(process.ppid));

    const refused = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'in_flight', outcome: 'not_sent', message: expect.stringMatching(`in another Closeout \\(process ${process.ppid} on `) } });
    expect(broker.closeCalls).toEqual([]);
    expect((await audit.read()).map((record) => [record.phase, record.outcome, record.errorCode])).toEqual([
      ['attempt', null, null],
      ['outcome', 'not_sent', 'in_flight'],
    ]);

    stores.journal.db.prepare('DELETE FROM leases').run();
    expect(await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } })).toMatchObject({ ok: true });
    expect(broker.closeCalls).toHaveLength(1);
    expect(stores.journal.db.prepare('SELECT count(*) AS n FROM leases').get()).toEqual({ n: 0 });
  });

  it('takes over the lease of a process that is gone, and of one whose pid now belongs to another program', async () => {
    const { broker, stores, dispatch } = await setup();
    leaseHeldBy(stores, process.ppid, 'a start time that is not the parent process');
    expect(await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } })).toMatchObject({ ok: true });
    expect(broker.closeCalls).toHaveLength(1);
  });

  it('is kept off the account by the broker identity, not by the connection name', async () => {
    const { broker, stores, dispatch } = await setup();
    leaseHeldBy(stores, process.ppid, processStartId(process.ppid));
    await dispatch('connections:add', { name: 'Same login', broker: 'alpaca', baseUrl: 'http://127.0.0.1:1/', keyId: 'other-key', secret: 's' });
    expect(await dispatch('position:close', { connection: 'Same login', accountId: 'acct-1', positionId: 'AAPL', amount: { kind: 'all' } })).toMatchObject({
      ok: false,
      error: { code: 'in_flight' },
    });
    expect(broker.closeCalls).toEqual([]);
  });
});

describe('actions a process left unfinished', () => {
  /** What a process that stopped mid-send leaves: its close of AAPL marked sent, then its journal closed. */
  function closeLeftSent(dataDir: string, actionId: string): void {
    const earlier = openJournalStores(dataDir, createMemoryAuditKeys());
    const aapl = position('AAPL', '10', false);
    earlier.journal.write(() => {
      earlier.intents.prepare({
        actionId, kind: 'close_position', connection: 'Demo', broker: 'alpaca', accountId: 'acct-1',
        target: leaseKey.position(brokerIdentity(DEMO_PROFILE), 'acct-1', 'AAPL'), params: { positionId: 'AAPL', amount: { kind: 'all' } },
        clientOrderId: null, retryOf: null, summary: 'close all of AAPL',
      });
      const settleTarget = { kind: 'close_position', accountId: 'acct-1', position: aapl, quantityToClose: dec('10'), startedAt: new Date() } as const;
      earlier.intents.markSent(actionId, describeReconcileTarget(settleTarget), storeReconcileTarget(settleTarget));
    });
    earlier.journal.close();
  }

  it('lists an interrupted close with no verdict while the broker is read, then with what reading found', async () => {
    const actionId = '6d0f3c0e-3b1f-4f5e-9a43-0c6f1b2a7d11';
    let releaseReads!: () => void;
    const pushed: unknown[] = [];
    const { broker, dispatch } = await setup({
      beforeStart: async ({ dataDir }, fake) => {
        closeLeftSent(dataDir, actionId);
        fake.readGate = new Promise((resolve) => (releaseReads = resolve));
      },
      emit: (event, payload) => pushed.push([event, payload]),
    });

    const reading = await dispatch('actions:interrupted', {});
    expect(reading).toEqual({
      ok: true,
      data: [expect.objectContaining({ actionId, kind: 'close_position', state: 'unknown', earlier: expect.objectContaining({ actionId, summary: 'close of 10 shares of AAPL', verdict: null }) })],
    });

    broker.positions = broker.positions.filter((held) => held.id !== 'AAPL');
    releaseReads();
    await vi.waitFor(() => expect(pushed).toHaveLength(1));
    expect(pushed[0]).toEqual(['action:updated', expect.objectContaining({ actionId, state: 'filled', earlier: expect.objectContaining({ verdict: 'happened' }) })]);
    expect(await dispatch('actions:interrupted', {})).toMatchObject({ ok: true, data: [{ actionId, state: 'filled', earlier: { verdict: 'happened' } }] });
    expect(broker.closeCalls).toEqual([]);
  });
});
