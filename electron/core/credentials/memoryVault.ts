import { assertConnectionName, assertSecret, type SecretVault } from './vault';

/** A vault that forgets everything when the process ends: for tests and demo mode, never for real credentials. */
export function createMemoryVault(initial: Record<string, string> = {}): SecretVault {
  const secrets = new Map(Object.entries(initial));
  return {
    async get(connectionName) {
      assertConnectionName(connectionName);
      return secrets.get(connectionName) ?? null;
    },
    async set(connectionName, secret) {
      assertConnectionName(connectionName);
      assertSecret(secret);
      secrets.set(connectionName, secret);
    },
    async delete(connectionName) {
      assertConnectionName(connectionName);
      return secrets.delete(connectionName);
    },
  };
}
