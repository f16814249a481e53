import type * as KeytarModule from 'keytar';
import { AppError } from '../../../shared/errors';
import { assertConnectionName, assertSecret, type SecretVault } from './vault';

export type Keytar = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword'>;

export interface KeychainVaultOptions {
  /** The keychain service the secrets are filed under; tests use a throw-away one. */
  service?: string;
}

/**
 * Secrets in the OS keychain through keytar. keytar is loaded on first use so a missing native module or Secret Service
 * surfaces as one keychain_unavailable error instead of a crash at start-up; there is deliberately no plain-text fallback.
 */
export function createKeychainVault(options: KeychainVaultOptions = {}): SecretVault {
  const service = keychainService(options);
  const withKeytar = keytarCaller();

  return {
    async get(connectionName) {
      assertConnectionName(connectionName);
      return withKeytar(`the secret of connection "${connectionName}" could not be read`, undefined, (api) =>
        api.getPassword(service, connectionName),
      );
    },
    async set(connectionName, secret) {
      assertConnectionName(connectionName);
      assertSecret(secret);
      return withKeytar('nothing was saved', secret, (api) => api.setPassword(service, connectionName, secret));
    },
    async delete(connectionName) {
      assertConnectionName(connectionName);
      return withKeytar(`the secret of connection "${connectionName}" was not removed`, undefined, (api) =>
        api.deletePassword(service, connectionName),
      );
    },
  };
}

/** The keychain service Closeout files its items under; tests set a throw-away one through the environment. */
export function keychainService(options: KeychainVaultOptions = {}): string {
  return options.service || process.env.CLOSEOUT_KEYCHAIN_SERVICE || 'Closeout';
}

export type KeytarCaller = <T>(consequence: string, secret: string | undefined, use: (api: Keytar) => Promise<T>) => Promise<T>;

/** Calls keytar, loaded on first use; any failure becomes one keychain_unavailable error saying `consequence`. */
export function keytarCaller(): KeytarCaller {
  let keytar: Promise<Keytar> | undefined;
  return async (consequence, secret, use) => {
    try {
      keytar ??= loadKeytar();
      return await use(await keytar);
    } catch (error) {
      throw unavailable(error, consequence, secret);
    }
  };
}

async function loadKeytar(): Promise<Keytar> {
  const loaded: Keytar & { default?: Keytar } = await import('keytar');
  // keytar is CommonJS: Node's ESM loader and bundlers expose it as the default export, named exports are a bonus.
  return loaded.default ?? loaded;
}

function unavailable(error: unknown, consequence: string, secret: string | undefined): AppError {
  return new AppError({
    code: 'keychain_unavailable',
    message: `The OS keychain is not available: ${reasonOf(error, secret)}. Closeout stores secrets only in the keychain, so ${consequence}.`,
  });
}

/** The cause in a few words, on one line, never carrying the secret even if a native layer echoed it. */
function reasonOf(error: unknown, secret: string | undefined): string {
  const raw = error instanceof Error ? error.message : String(error);
  let reason = raw.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, '');
  if (secret !== undefined) reason = reason.split(secret).join('[secret]');
  if (reason.length > 200) reason = `${reason.slice(0, 199)}…`;
  return reason === '' ? 'it gave no reason' : reason;
}
