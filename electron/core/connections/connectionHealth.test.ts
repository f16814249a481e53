import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- health is read from calls to the real simulator
import { startAlpacaSim, type AlpacaSim } from '../../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- health is read from calls to the real simulator
import { fixtureData } from '../../../sim/alpaca/testSupport';
import { AppError } from '../../../shared/errors';
import { createAlpacaAdapter } from '../brokers/alpaca/adapter';
import { ConnectionRegistry } from '../connectionRegistry';
import { createMemoryVault } from '../credentials/memoryVault';
import { openJournal, type Journal } from '../journal/journal';
import { ConnectionHealthBook, HEALTH_WRITE_EVERY_MS } from './connectionHealth';
import { createJournalHealthStore } from './healthStore';
import { createMemoryProfileStore } from './profileStore';

const SECRET = 'health-secret/Zq9+x';
let sim: AlpacaSim;
let dataDir: string;
const journals: Journal[] = [];

beforeAll(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), keyId: 'AKID', secret: SECRET });
});

afterAll(async () => {
  await sim.close();
});

afterEach(async () => {
  sim.faults.reset();
  for (const journal of journals.splice(0)) journal.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function freshDataDir(): Promise<void> {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-health-'));
}

/** A registry as one Closeout process builds it: its own journal connection on the shared data folder. */
function processOn(profiles = createMemoryProfileStore(), vault = createMemoryVault()) {
  const journal = openJournal(dataDir);
  journals.push(journal);
  const registry = new ConnectionRegistry({ profiles, vault, adapterFactories: { alpaca: createAlpacaAdapter }, healthStore: createJournalHealthStore(journal) });
  return { journal, registry, profiles, vault };
}

describe('connection health in the journal', () => {
  it('survives a restart: the next process lists the last success and the last error', async () => {
    await freshDataDir();
    const first = processOn();
    await first.registry.add({ name: 'Desk', broker: 'alpaca', baseUrl: sim.url, keyId: 'AKID', secret: SECRET });
    sim.faults.errorRate = 1;
    const { adapter } = await first.registry.resolve('Desk');
    await expect(adapter.listAccounts()).rejects.toBeInstanceOf(AppError);
    const before = (await first.registry.list())[0]?.health;
    expect(before?.lastError?.code).toBeDefined();
    first.journal.close();
    journals.splice(0);

    const second = processOn(first.profiles, first.vault);
    const after = (await second.registry.list())[0]?.health;
    expect(after).toEqual(before);
    expect(after?.lastSuccessAt).not.toBeNull();
    expect(after?.reach?.accounts).toBeGreaterThan(0);
  });

  it('is shared: a failure one process met shows in another process on the same data folder', async () => {
    await freshDataDir();
    const app = processOn();
    await app.registry.add({ name: 'Desk', broker: 'alpaca', baseUrl: sim.url, keyId: 'AKID', secret: SECRET });
    const command = processOn(app.profiles, app.vault);
    sim.faults.errorRate = 1;
    await expect((await command.registry.resolve('Desk')).adapter.listAccounts()).rejects.toBeInstanceOf(AppError);
    const seen = (await app.registry.list())[0]?.health;
    expect(seen?.lastError).toMatchObject({ code: expect.any(String) as string });
    expect(seen?.lastError?.at).toBe((await command.registry.list())[0]?.health?.lastError?.at);
  });

  it('keeps no secret in the stored error, even when the broker quotes the credentials back', async () => {
    await freshDataDir();
    // A secret the broker refuses, quoted back in its 401: the stored words are the broker's, scrubbed of it.
    const wrong = 'wrong-secret/Q+1 x';
    const profiles = createMemoryProfileStore([{ name: 'Desk', broker: 'alpaca', baseUrl: sim.url, keyId: 'AKID', createdAt: '2026-01-01T00:00:00Z' }]);
    const vault = createMemoryVault();
    await vault.set('Desk', wrong);
    const { registry, journal } = processOn(profiles, vault);
    sim.faults.echoCredentials = {};
    await expect((await registry.resolve('Desk')).adapter.listAccounts()).rejects.toMatchObject({ code: 'credentials_refused' });
    const row = JSON.stringify(journal.db.prepare('SELECT * FROM connection_health').all());
    expect(row).toContain('[redacted]');
    for (const spelling of [wrong, encodeURIComponent(wrong), Buffer.from(`AKID:${wrong}`).toString('base64')]) expect(row).not.toContain(spelling);
  });

  it('is forgotten with the connection', async () => {
    await freshDataDir();
    const { registry, journal } = processOn();
    await registry.add({ name: 'Desk', broker: 'alpaca', baseUrl: sim.url, keyId: 'AKID', secret: SECRET });
    await registry.remove('Desk');
    expect(journal.db.prepare('SELECT COUNT(*) AS n FROM connection_health').get()).toEqual({ n: 0 });
  });
});

describe('the health book', () => {
  it('writes a repeated success at most once a while, but a failure and a recovery at once', async () => {
    await freshDataDir();
    const journal = openJournal(dataDir);
    journals.push(journal);
    const store = createJournalHealthStore(journal);
    let now = Date.parse('2026-03-02T10:00:00Z');
    const book = new ConnectionHealthBook(store, () => now);
    const stored = () => store.read('Desk');

    book.succeeded('Desk');
    expect(stored()?.lastSuccessAt).toBe('2026-03-02T10:00:00.000Z');
    now += 1_000;
    book.succeeded('Desk');
    expect(stored()?.lastSuccessAt).toBe('2026-03-02T10:00:00.000Z');
    expect(book.of('Desk')?.lastSuccessAt).toBe('2026-03-02T10:00:01.000Z');
    now += 1_000;
    book.failed('Desk', new AppError({ code: 'network', message: 'connection refused' }));
    expect(stored()?.lastError).toEqual({ at: '2026-03-02T10:00:02.000Z', code: 'network', message: 'connection refused' });
    expect(stored()?.lastSuccessAt).toBe('2026-03-02T10:00:01.000Z');
    now += 1_000;
    book.succeeded('Desk');
    expect(stored()?.lastSuccessAt).toBe('2026-03-02T10:00:03.000Z');
    now += HEALTH_WRITE_EVERY_MS;
    book.succeeded('Desk');
    expect(stored()?.lastSuccessAt).toBe(new Date(now).toISOString());
  });

  it('still answers the call when the journal cannot be written', () => {
    const book = new ConnectionHealthBook({
      read: () => undefined,
      write: () => {
        throw new AppError({ code: 'storage_unavailable', message: 'the disk is full' });
      },
      forget: () => undefined,
    });
    expect(() => book.succeeded('Desk')).not.toThrow();
    expect(book.of('Desk')?.lastSuccessAt).not.toBeNull();
  });
});
