import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the registry tests each connection against the real simulator
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- the registry tests each connection against the real simulator
import { fixtureData, IDS } from '../../sim/alpaca/testSupport';
// eslint-disable-next-line no-restricted-imports -- the registry tests each connection against the real simulator
import { demoData } from '../../sim/alpaca/demoData';
import { createAlpacaAdapter } from './brokers/alpaca/adapter';
import { ConnectionRegistry } from './connectionRegistry';
import { createMemoryProfileStore } from './connections/profileStore';
import { createMemoryVault } from './credentials/memoryVault';

let sim: AlpacaSim;
let other: AlpacaSim;
let base: { broker: 'alpaca'; baseUrl: string; keyId: string };
const SECRET = 'registry-secret-7Hq2';

beforeAll(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), keyId: 'AKID', secret: SECRET });
  other = await startAlpacaSim({ data: fixtureData(), keyId: 'AKID', secret: SECRET });
  base = { broker: 'alpaca', baseUrl: sim.url, keyId: 'AKID' };
});

afterAll(async () => {
  await sim.close();
  await other.close();
});

function registry() {
  const vault = createMemoryVault();
  const profiles = createMemoryProfileStore();
  return { vault, profiles, connections: new ConnectionRegistry({ profiles, vault, adapterFactories: { alpaca: createAlpacaAdapter } }) };
}

describe('the connection registry', () => {
  it('keeps the first secret when two adds of one name race', async () => {
    const { vault, connections } = registry();
    const results = await Promise.allSettled([
      connections.add({ ...base, name: 'Desk', secret: SECRET }),
      connections.add({ ...base, name: 'Desk', secret: SECRET }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(results[1]).toMatchObject({ reason: { code: 'connection_exists' } });
    expect(await vault.get('Desk')).toBe(SECRET);
  });

  it('leaves no secret behind when the profile cannot be saved', async () => {
    const { vault, profiles, connections } = registry();
    profiles.add = async () => {
      throw new Error('disk full');
    };
    await expect(connections.add({ ...base, name: 'Desk', secret: SECRET })).rejects.toThrow('disk full');
    expect(await vault.get('Desk')).toBeNull();
  });

  it('says the secret is missing when the keychain lost it', async () => {
    const { vault, connections } = registry();
    await connections.add({ ...base, name: 'Desk', secret: SECRET });
    await vault.delete('Desk');
    await expect(connections.resolve('Desk')).rejects.toMatchObject({ code: 'credentials_missing' });
  });

  it('refuses brokers it has no adapter for, naming the broker', async () => {
    const { connections } = registry();
    await expect(connections.add({ ...base, broker: 'exness', name: 'X', secret: 's' })).rejects.toMatchObject({
      code: 'unsupported', message: 'Closeout cannot connect to Exness-style platform yet.',
    });
  });

  it('sends nothing through a saved profile that reaches a remote host over plain http', async () => {
    const profiles = createMemoryProfileStore([{ ...base, name: 'Old', baseUrl: 'http://broker.example', createdAt: '2025-01-01T00:00:00Z' }]);
    const vault = createMemoryVault();
    await vault.set('Old', 's');
    const factory = vi.fn(createAlpacaAdapter);
    const connections = new ConnectionRegistry({ profiles, vault, adapterFactories: { alpaca: factory } });
    await expect(connections.resolve('Old')).rejects.toMatchObject({
      code: 'validation', field: 'baseUrl', outcome: 'not_sent', message: expect.stringMatching(/^baseUrl must start with https:\/\/.*connection "Old" has http:\/\/broker\.example/),
    });
    expect(factory).not.toHaveBeenCalled();
  });

  it('tests a new connection with one read-only call and says what it reaches', async () => {
    const { connections } = registry();
    const before = sim.requests.length;
    const added = await connections.add({ ...base, name: 'Desk', secret: SECRET });
    expect(added.health).toMatchObject({ reach: { accounts: 3, more: false }, lastError: null, lastSuccessAt: expect.any(String) });
    expect(sim.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/accounts']);
    expect((await connections.list())[0]?.health?.reach).toEqual({ accounts: 3, more: false });
  });

  it('refuses a wrong secret at add time in the broker\'s words and saves nothing', async () => {
    const { vault, profiles, connections } = registry();
    const refused = connections.add({ ...base, name: 'Desk', secret: 'not-the-secret' });
    await expect(refused).rejects.toMatchObject({ code: 'credentials_refused', brokerCode: '40110000', message: expect.stringContaining('request is not authorized') });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('not-the-secret') });
    expect(await vault.get('Desk')).toBeNull();
    expect(await profiles.list()).toEqual([]);
  });

  it('tests a connection again, noting the last success and the last error', async () => {
    const { connections } = registry();
    await connections.add({ ...base, name: 'Desk', secret: SECRET });
    sim.faults.errorRate = 1;
    try {
      await expect(connections.test('Desk')).rejects.toBeInstanceOf(Error);
    } finally {
      sim.faults.reset();
    }
    const failed = (await connections.list())[0]?.health;
    expect(failed?.lastError).toMatchObject({ code: expect.any(String), at: expect.any(String) });
    const tested = await connections.test('Desk');
    expect(tested.health?.reach).toEqual({ accounts: 3, more: false });
    expect(Date.parse(tested.health?.lastSuccessAt ?? '')).toBeGreaterThanOrEqual(Date.parse(failed?.lastError?.at ?? ''));
  });

  it('rotates a secret in place only once the new one is accepted', async () => {
    const { vault, connections } = registry();
    const rotating = await startAlpacaSim({ data: fixtureData(), keyId: 'AKID', secret: SECRET });
    try {
      await connections.add({ ...base, baseUrl: rotating.url, name: 'Desk', secret: SECRET });
      await expect(connections.rotate('Desk', 'wrong-new-secret')).rejects.toMatchObject({ code: 'credentials_refused' });
      expect(await vault.get('Desk')).toBe(SECRET);
      await expect(connections.rotate('Desk', SECRET)).resolves.toMatchObject({ name: 'Desk', health: { reach: { accounts: 3 } } });
      expect(await vault.get('Desk')).toBe(SECRET);
    } finally {
      await rotating.close();
    }
  });

  it('edits the address once the stored secret works there, and sends the next call to it', async () => {
    const { profiles, connections } = registry();
    await connections.add({ ...base, name: 'Desk', secret: SECRET });
    await connections.resolve('Desk');
    await expect(connections.edit('Desk', { baseUrl: 'http://127.0.0.1:9' })).rejects.toMatchObject({ code: 'network' });
    expect((await profiles.get('Desk'))?.baseUrl).toBe(sim.url);
    const edited = await connections.edit('Desk', { baseUrl: other.url });
    expect(edited.baseUrl).toBe(other.url);
    const before = other.requests.length;
    await (await connections.resolve('Desk')).adapter.listAccounts();
    expect(other.requests.length).toBe(before + 1);
  });

  it('sets the firm account only once the broker finds it, by number or id, and clears it', async () => {
    const { profiles, connections } = registry();
    await connections.add({ ...base, name: 'Desk', secret: SECRET });
    const refused = connections.edit('Desk', { firmAccount: 'NOPE1234' });
    await expect(refused).rejects.toMatchObject({ code: 'not_found', field: 'firmAccount' });
    await expect(refused).rejects.toThrow('firmAccount must be an account Desk knows; Alpaca Broker API has no account numbered or with id NOPE1234');
    expect((await profiles.get('Desk'))?.firmAccount).toBeUndefined();

    const byNumber = await connections.edit('Desk', { firmAccount: '4trq3mgg' });
    expect(byNumber.firmAccount).toEqual({ accountId: IDS.flat, number: '4TRQ3MGG', name: expect.stringContaining('Reyes') as string });
    expect((await profiles.get('Desk'))?.firmAccount?.accountId).toBe(IDS.flat);
    expect((await connections.list())[0]?.firmAccount?.number).toBe('4TRQ3MGG');

    expect((await connections.edit('Desk', { firmAccount: IDS.trader })).firmAccount?.number).toBe('9JA74XQ2');
    expect((await connections.edit('Desk', { firmAccount: null })).firmAccount).toBeUndefined();
    expect((await profiles.get('Desk'))?.firmAccount).toBeUndefined();
  });

  it('keeps the firm account across a new address only where the broker there knows it', async () => {
    const elsewhere = await startAlpacaSim({ data: demoData(), keyId: 'AKID', secret: SECRET });
    try {
      const { profiles, connections } = registry();
      await connections.add({ ...base, name: 'Desk', secret: SECRET });
      await connections.edit('Desk', { firmAccount: '4TRQ3MGG' });
      await expect(connections.edit('Desk', { baseUrl: elsewhere.url })).rejects.toMatchObject({ code: 'not_found', field: 'firmAccount' });
      expect(await profiles.get('Desk')).toMatchObject({ baseUrl: sim.url, firmAccount: { number: '4TRQ3MGG' } });
      expect((await connections.edit('Desk', { baseUrl: other.url })).firmAccount?.number).toBe('4TRQ3MGG');
      expect((await connections.edit('Desk', { baseUrl: elsewhere.url, firmAccount: null })).baseUrl).toBe(elsewhere.url);
    } finally {
      await elsewhere.close();
    }
  });
});
