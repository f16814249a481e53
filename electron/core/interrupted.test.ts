import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
import type { ActionReceipt } from '../../shared/actions';
import { createAlpacaAdapter } from './brokers/alpaca/adapter';
import { createMemoryProgressStore } from './windDown/progressStore';
import { createMemoryProfileStore } from './connections/profileStore';
import { createMemoryAuditKeys } from './credentials/auditKeyStore';
import { createMemoryVault } from './credentials/memoryVault';
import { createDispatcher } from './dispatcher';
import type { Dispatch } from './handlers';
import { openJournalStores, type JournalStores } from './journal';
import { tempJournal } from './journal/journal.testkit';
import { createService } from './service';

// A process that stops in the middle of a close, and the next one on the same data folder: the real core, journal and
// Alpaca adapter over HTTP to the simulator. "Stopping" closes the first core's journal while its request hangs, which
// leaves the journal exactly as a kill would: the first core's holder is gone and its intent is unfinished.

let sim: AlpacaSim;
let dataDir: string;
const opened: JournalStores[] = [];
let cleanup: () => Promise<void>;

beforeEach(async () => {
  sim = await startAlpacaSim({ fillDelayMs: 0, data: fixtureData() });
  const first = await tempJournal();
  dataDir = first.dataDir;
  first.journal.close();
  cleanup = first.cleanup;
});

afterEach(async () => {
  for (const stores of opened.splice(0)) if (stores.journal.db.open) stores.journal.close();
  await sim.close();
  await cleanup();
});

async function core(): Promise<{ stores: JournalStores; dispatch: Dispatch; pushed: ActionReceipt[] }> {
  const stores = openJournalStores(dataDir, createMemoryAuditKeys());
  const vault = createMemoryVault();
  await vault.set('Sim', sim.secret);
  opened.push(stores);
  const pushed: ActionReceipt[] = [];
  const handlers = createService({
    profiles: createMemoryProfileStore([{ name: 'Sim', broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, createdAt: '2026-01-01T00:00:00Z' }]),
    vault,
    stores,
    windDownProgress: createMemoryProgressStore(),
    adapterFactories: { alpaca: createAlpacaAdapter },
    demo: false,
    version: 'test',
    timeoutMs: 400,
    emit: (event, payload) => {
      if (event === 'action:updated') pushed.push(payload as ActionReceipt);
    },
  });
  return { stores, dispatch: createDispatcher(handlers), pushed };
}

const closeAapl = { connection: 'Sim', accountId: IDS.trader, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '2' } };
const deletes = () => sim.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith('/AAPL')).length;

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts a close in a first core and stops that core once the simulator has received the request `seen` waits for. */
async function stopMidClose(seen: () => boolean): Promise<void> {
  const first = await core();
  const sent = first.dispatch('position:close', closeAapl).catch(() => undefined);
  await until(seen);
  first.stores.journal.close();
  await sent;
}

describe('a close whose process stopped', () => {
  it('is read back by the next core as done, which reports it to the next close instead of sending', async () => {
    sim.state.setPositions(IDS.trader, [{ symbol: 'AAPL', qty: '10', avg_entry_price: '150' }]);
    sim.faults.hang = { when: 'after-apply', match: { method: 'DELETE' } };
    await stopMidClose(() => deletes() === 1);
    sim.faults.reset();

    const next = await core();
    const answer = await next.dispatch('position:close', closeAapl);
    expect(answer).toMatchObject({ ok: true, data: { state: 'filled', earlier: { verdict: 'happened', summary: 'close of 2 shares of AAPL' } } });
    expect((answer as { data: ActionReceipt }).data.message).toMatch(/^An earlier close of 2 shares of AAPL, started \d\d:\d\d by a process that stopped, did happen; nothing new was sent\./);
    expect(deletes()).toBe(1);
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('8');

    const listed = await next.dispatch('actions:interrupted', {});
    expect(listed).toMatchObject({ ok: true, data: [{ state: 'filled', earlier: { verdict: 'happened' } }] });
    expect(await next.stores.audit.verify()).toMatchObject({ ok: true });
    const trail = await next.stores.audit.read();
    expect(trail.map((record) => record.message ?? '')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Interrupted: process \d+ on .+ stopped before recording how the close of 2 shares of AAPL ended/), expect.stringMatching(/^Settled by reading after the process stopped: The close of 2 shares of AAPL did happen/)]),
    );

    expect(await next.dispatch('position:close', closeAapl)).toMatchObject({ ok: true, data: { state: 'accepted' } });
    expect(deletes()).toBe(2);
  });

  it('is read back as not done when the broker never got it, and only the close after the report sends', async () => {
    sim.faults.hang = { when: 'before-apply', match: { method: 'DELETE' } };
    await stopMidClose(() => deletes() === 1);
    sim.faults.reset();
    const before = sim.state.positionOf(IDS.trader, 'AAPL')?.qty;

    const next = await core();
    expect(await next.dispatch('position:close', closeAapl)).toMatchObject({ ok: true, data: { state: 'rejected', earlier: { verdict: 'not_happened' } } });
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe(before);
    expect(await next.dispatch('position:close', closeAapl)).toMatchObject({ ok: true, data: { state: 'accepted' } });
    expect(deletes()).toBe(2);
  });

  it('is settled as never sent, without reading, when it stopped before the request left', async () => {
    sim.faults.hang = { when: 'before-apply', match: { method: 'GET', path: /\/positions$/ } };
    const gets = () => sim.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/positions')).length;
    await stopMidClose(() => gets() === 1);
    sim.faults.reset();

    const next = await core();
    await until(() => next.pushed.length === 1);
    expect(next.pushed[0]).toMatchObject({ state: 'rejected', earlier: { verdict: 'not_happened' }, message: expect.stringMatching(/The process stopped before sending it: nothing reached alpaca\./) });
    expect(deletes()).toBe(0);
  });
});

describe('an interrupted close taken over twice', () => {
  it('is recorded as interrupted once, however many processes take it over before one settles it', async () => {
    sim.faults.hang = { when: 'before-apply', match: { method: 'DELETE' } };
    await stopMidClose(() => deletes() === 1);
    // Reading hangs too, so the next cores take it over but cannot settle it before they stop.
    sim.faults.hang = { when: 'before-apply', match: { method: 'GET' } };
    for (let stops = 0; stops < 2; stops += 1) {
      const reader = await core();
      await until(() => reader.stores.intents.abandoned().length === 0);
      reader.stores.journal.close();
    }
    sim.faults.reset();
    const last = await core();
    await until(() => last.pushed.length === 1);
    const trail = await last.stores.audit.read();
    expect(trail.filter((record) => record.message?.startsWith('Interrupted:'))).toHaveLength(1);
    expect(trail.filter((record) => record.message?.startsWith('Settled by reading'))).toHaveLength(1);
  });
});
