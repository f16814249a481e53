import { validationError } from '../../../shared/errors';

/** Where connection secrets live, keyed by connection name. Only the main process holds one. */
export interface SecretVault {
  get(connectionName: string): Promise<string | null>;
  set(connectionName: string, secret: string): Promise<void>;
  delete(connectionName: string): Promise<boolean>;
}

/** Every vault refuses the same inputs, so the in-memory one cannot hide a mistake the keychain would reject. */
export function assertConnectionName(connectionName: string): void {
  if (connectionName.length === 0) throw validationError('name', 'must not be empty');
}

export function assertSecret(secret: string): void {
  if (secret.length === 0) throw validationError('secret', 'must not be empty');
}
