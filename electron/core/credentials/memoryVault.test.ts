import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createMemoryVault } from './memoryVault';

describe('memory vault', () => {
  it('stores, reads and deletes a secret', async () => {
    const vault = createMemoryVault();
    await vault.set('desk', 's3cret');
    expect(await vault.get('desk')).toBe('s3cret');
    expect(await vault.delete('desk')).toBe(true);
    expect(await vault.get('desk')).toBeNull();
    expect(await vault.delete('desk')).toBe(false);
  });

  it('starts with the secrets it is given and keeps its own copy of them', async () => {
    const initial = { alpha: 'one' };
    const vault = createMemoryVault(initial);
    initial.alpha = 'changed';
    expect(await vault.get('alpha')).toBe('one');
  });

  it('keeps connection names distinct by case, as the keychain does', async () => {
    const vault = createMemoryVault({ Desk: 'upper' });
    expect(await vault.get('desk')).toBeNull();
  });

  it('refuses an empty secret or an empty name with a validation error', async () => {
    const vault = createMemoryVault();
    await expect(vault.set('desk', '')).rejects.toMatchObject({ code: 'validation', field: 'secret' });
    await expect(vault.get('')).rejects.toBeInstanceOf(AppError);
    expect(await vault.get('desk')).toBeNull();
  });
});
