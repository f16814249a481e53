import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
import type { ActionReceipt } from '../../shared/actions';
import { createMemoryProgressStore } from './windDown/progressStore';
import { createAlpacaAdapter } from './brokers/alpaca/adapter';
import { createMemoryProfileStore } from './connections/profileStore';
import { createMemoryVault } from './credentials/memoryVault';
import { createDispatcher } from './dispatcher';
import type { Dispatch } from './handlers';
import type { Verdict } from './reconcile';
import { tempJournal } from './journal/journal.testkit';
import { createService } from './service';

let sim: AlpacaSim;
let dispatch: Dispatch;
let pushed: ActionReceipt[];
let settled: Promise<Verdict>;

const target = { connection: 'Sim', accountId: IDS.trader };
const closeRequests = () => sim.requests.filter((r) => r.method === 'DELETE' && r.path.includes('/positions/'));

let cleanupJournal: () => Promise<void>;

beforeEach(async () => {
  const stores = await tempJournal();
  cleanupJournal = stores.cleanup;
  sim = await startAlpacaSim({ fillDelayMs: 0, data: fixtureData() });
  pushed = [];
  let onSettled!: (verdict: Verdict) => void;
  settled = new Promise((resolve) => (onSettled = resolve));
  const handlers = createService({
    profiles: createMemoryProfileStore(),
    vault: createMemoryVault(),
    stores,
    windDownProgress: createMemoryProgressStore(),
    adapterFactories: { alpaca: createAlpacaAdapter },
    demo: false,
    version: 'test',
    timeoutMs: 300,
    reconcileOptions: { delaysMs: [20, 40, 80, 160, 320] },
    emit: (event, payload) => {
      if (event === 'action:updated') pushed.push(payload as ActionReceipt);
    },
    onSettled: (_actionId, verdict) => onSettled(verdict),
  });
  dispatch = createDispatcher(handlers);
  const added = await dispatch('connections:add', { name: 'Sim', broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  expect(added.ok).toBe(true);
});

afterEach(async () => {
  await sim.close();
  await cleanupJournal();
});

describe('an unknown outcome', () => {
  it('ends unknown when the broker hangs after closing, then settles as closed by reading, without a second close', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown', outcome: 'unknown', actionId: expect.any(String) } });
    const verdict = await settled;
    expect(verdict).toMatchObject({ state: 'filled', resolution: 'happened' });
    expect(pushed).toEqual([expect.objectContaining({ kind: 'close_position', state: 'filled', actionId: answer.ok ? '' : answer.error.actionId })]);
    expect(sim.state.positionOf(IDS.trader, 'AAPL')).toBeUndefined();
    expect(closeRequests()).toHaveLength(1);
  });

  it('settles as not closed when the broker hung before doing anything', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '4' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    sim.faults.reset();
    const verdict = await settled;
    expect(verdict).toMatchObject({ state: 'rejected', resolution: 'did_not_happen' });
    expect(verdict.message).toMatch(/AAPL is still open with 10 shares/);
    expect(closeRequests()).toHaveLength(1);
  });

  it('does not close again after a 500 from a broker that did execute the close', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE' } };
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '4' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    sim.faults.reset();
    expect(await settled).toMatchObject({ state: 'filled', resolution: 'happened', message: 'The close did happen: 6 shares of AAPL remain open.' });
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('6');
    expect(closeRequests()).toHaveLength(1);
  });

  it('keeps refusing a second close of the same position until the first is settled', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    const second = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'in_flight' } });
    await settled;
    expect(closeRequests()).toHaveLength(1);
  });
});
