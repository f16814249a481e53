import { describe, expect, it, vi } from 'vitest';
import { createAlpacaAdapter } from './brokers/alpaca/adapter';
import { ConnectionRegistry } from './connectionRegistry';
import { createMemoryProfileStore } from './connections/profileStore';
import { createMemoryVault } from './credentials/memoryVault';

const base = { broker: 'alpaca', baseUrl: 'https://broker-api.sandbox.alpaca.markets', keyId: 'AKID' } as const;

function registry() {
  const vault = createMemoryVault();
  const profiles = createMemoryProfileStore();
  return { vault, profiles, connections: new ConnectionRegistry({ profiles, vault, adapterFactories: { alpaca: createAlpacaAdapter } }) };
}

describe('the connection registry', () => {
  it('keeps the first secret when two adds of one name race', async () => {
    const { vault, connections } = registry();
    const results = await Promise.allSettled([
      connections.add({ ...base, name: 'Desk', secret: 'first-secret' }),
      connections.add({ ...base, name: 'Desk', secret: 'second-secret' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await vault.get('Desk')).toBe('first-secret');
  });

  it('leaves no secret behind when the profile cannot be saved', async () => {
    const { vault, profiles, connections } = registry();
    profiles.add = async () => {
      throw new Error('disk full');
    };
    await expect(connections.add({ ...base, name: 'Desk', secret: 's' })).rejects.toThrow('disk full');
    expect(await vault.get('Desk')).toBeNull();
  });

  it('says the secret is missing when the keychain lost it', async () => {
    const { vault, connections } = registry();
    await connections.add({ ...base, name: 'Desk', secret: 's' });
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
});
