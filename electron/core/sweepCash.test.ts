import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionReceipt } from '../../shared/actions';
import type { CashJournal } from '../../shared/domain';
// eslint-disable-next-line no-restricted-imports -- the sweep is checked end to end against the real simulator
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- the sweep is checked end to end against the real simulator
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
import { startAppCore, type AppCore } from '../bootstrap';
import { createMemoryAuditKeys } from './credentials/auditKeyStore';
import { createMemoryVault } from './credentials/memoryVault';

// A sweep through the real core, the Alpaca adapter over HTTP and the simulator: the journal is an intent with an
// outcome like any close, and one whose answer never came is read back, never sent again.

const CONNECTION = 'Sweep sim';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function coreWithSim(): Promise<{ core: AppCore; sim: AlpacaSim; updates: ActionReceipt[] }> {
  const sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0, journalLimit: '1000' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-sweep-'));
  const updates: ActionReceipt[] = [];
  const core = await startAppCore({
    dataDir,
    version: 'test',
    demo: false,
    vault: createMemoryVault(),
    auditKeys: createMemoryAuditKeys(),
    brokerTimeoutMs: 600,
    reconcileDelaysMs: [50, 100, 200],
    emit: (event, payload) => {
      if (event === 'action:updated') updates.push(payload as ActionReceipt);
    },
  });
  cleanups.push(async () => {
    await core.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const added = await core.dispatch('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  if (!added.ok) throw new Error(added.error.message);
  return { core, sim, updates };
}

const sweep = (amount: string, reference = 'run-1/a1') => ({ connection: CONNECTION, accountId: IDS.trader, toAccountId: IDS.flat, amount, reference });
const journalPosts = (sim: AlpacaSim) => sim.requests.filter((request) => request.method === 'POST' && request.path === '/v1/journals');

describe('sweeping cash by journal', () => {
  it('journals the amount with the reference in its description and records the attempt and the outcome', async () => {
    const { core, sim } = await coreWithSim();
    const answer = await core.dispatch('account:sweepCash', sweep('250'));
    expect(answer).toMatchObject({ ok: true, data: { kind: 'sweep_cash', state: 'filled', journal: { amount: '250', status: 'executed', description: 'Closeout cash sweep run-1/a1' } } });
    expect(journalPosts(sim).map((request) => request.body)).toEqual([
      { entry_type: 'JNLC', from_account: IDS.trader, to_account: IDS.flat, amount: '250', description: 'Closeout cash sweep run-1/a1' },
    ]);
    const trail = await core.handlers['audit:list']({ action: 'sweep_cash' });
    expect(trail.map((record) => record.phase)).toEqual(['outcome', 'attempt']);
  });

  it('reads a journal whose answer never came back by its description, and sends it only once', async () => {
    const { core, sim, updates } = await coreWithSim();
    sim.faults.hang = { match: { method: 'POST', path: /^\/v1\/journals$/ }, when: 'after-apply' };
    const answer = await core.dispatch('account:sweepCash', sweep('3000'));
    expect(answer).toMatchObject({ ok: false, error: { outcome: 'unknown' } });
    await expect.poll(() => updates.find((update) => update.kind === 'sweep_cash'), { timeout: 10_000 }).toMatchObject({ state: 'accepted' });
    expect(updates.find((update) => update.kind === 'sweep_cash')?.message).toMatch(/^The journal did happen: journal .* of 3000 .* is pending\.$/);
    expect(journalPosts(sim)).toHaveLength(1);
    const journals = await core.handlers['cash:journals']({ connection: CONNECTION, accountId: IDS.trader });
    expect(journals.map((journal: CashJournal) => journal.status)).toEqual(['pending']);
  });

  it('refuses an amount with more than two decimals, and a sweep at a broker that cannot, sending nothing', async () => {
    const { core, sim } = await coreWithSim();
    expect(await core.dispatch('account:sweepCash', sweep('1.005'))).toMatchObject({ ok: false, error: { code: 'validation', field: 'amount' } });
    expect(await core.dispatch('account:sweepCash', { ...sweep('1'), toAccountId: IDS.trader })).toMatchObject({ ok: false, error: { code: 'validation', field: 'toAccountId' } });
    expect(journalPosts(sim)).toHaveLength(0);
  });

  it('passes on the broker refusal of an amount that may not leave yet with its code and request id', async () => {
    const { core } = await coreWithSim();
    const answer = await core.dispatch('account:sweepCash', sweep('5000.01'));
    expect(answer).toMatchObject({ ok: false, error: { code: 'broker_rejected', brokerCode: '40310000', outcome: 'rejected' } });
    expect(answer.ok === false && answer.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
