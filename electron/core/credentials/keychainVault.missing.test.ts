import { describe, expect, it, vi } from 'vitest';
import { createKeychainVault } from './keychainVault';

vi.mock('keytar', () => {
  throw new Error('Failed to load keytar native addon');
});

describe('keychain vault when keytar cannot load', () => {
  it('reports keychain_unavailable for every operation instead of falling back to plain text', async () => {
    const vault = createKeychainVault({ service: 'closeout-missing-keytar' });
    await expect(vault.set('desk', 'hunter2')).rejects.toMatchObject({
      code: 'keychain_unavailable',
      message: expect.stringMatching(/^The OS keychain is not available: .+\. Closeout stores secrets only in the keychain, so nothing was saved\.$/),
    });
    await expect(vault.get('desk')).rejects.toMatchObject({ code: 'keychain_unavailable' });
    await expect(vault.delete('desk')).rejects.toMatchObject({ code: 'keychain_unavailable' });
  });

  it('keeps the secret out of the error message', async () => {
    const vault = createKeychainVault({ service: 'closeout-missing-keytar' });
    const failure = await vault.set('desk', 'hunter2').catch((error: unknown) => error);
    expect(String((failure as Error).message)).not.toContain('hunter2');
  });
});
