import { keychainService, keytarCaller, type KeychainVaultOptions } from './keychainVault';

/**
 * Where the audit trail's HMAC keys live, by key name: the OS keychain, so someone who can rewrite the data folder but
 * not read the keychain cannot produce records that verify.
 */
export interface AuditKeyStore {
  get(name: string): Promise<string | null>;
  set(name: string, key: string): Promise<void>;
  delete(name: string): Promise<boolean>;
}

/** Keys beside the connection secrets, under their own service name so the two kinds never collide. */
export function createKeychainAuditKeys(options: KeychainVaultOptions = {}): AuditKeyStore {
  const service = `${keychainService(options)} audit key`;
  const use = keytarCaller();
  return {
    // The audit key comes first in every action, so these words are what a person sees when the keychain is missing.
    get: (name) => use('nothing was saved', undefined, (api) => api.getPassword(service, name)),
    set: (name, key) => use('nothing was saved', key, (api) => api.setPassword(service, name, key)),
    delete: (name) => use("an unused audit key could not be removed", undefined, (api) => api.deletePassword(service, name)),
  };
}

// One map per process, as a keychain is one per machine: every journal opened in a test process finds the same keys.
const memoryKeys = new Map<string, string>();

/** Keys that live as long as the process: for unit tests and the e2e harness's in-memory vault. */
export function createMemoryAuditKeys(): AuditKeyStore {
  return {
    get: async (name) => memoryKeys.get(name) ?? null,
    set: async (name, key) => void memoryKeys.set(name, key),
    delete: async (name) => memoryKeys.delete(name),
  };
}
