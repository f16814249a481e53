import type { z } from 'zod';
import { BASE_URL_RULE, isAllowedBaseUrl } from '../../shared/baseUrl';
import { BROKER_CAPABILITIES, type BrokerKind } from '../../shared/brokers';
import type { addConnectionSchema, editConnectionSchema } from '../../shared/contract';
import type { ConnectionHealth, ConnectionReach, ConnectionSummary } from '../../shared/domain';
import { AppError, validationError } from '../../shared/errors';
import type { AdapterFactory, BrokerAdapter } from './brokers/broker';
import { redactError, withRedaction } from './brokers/redactingAdapter';
import { createRedactor, secretForms } from './brokers/secretRedactor';
import { ConnectionHealthBook } from './connections/connectionHealth';
import type { HealthStore } from './connections/healthStore';
import { findFirmAccount } from './connections/firmAccount';
import type { ConnectionProfile } from './connections/profile';
import type { ProfileStore } from './connections/profileStore';
import type { SecretVault } from './credentials/vault';

export type AddConnectionInput = z.output<typeof addConnectionSchema>;
/** What an edit changes: the address, the firm account (null clears it), or both. */
export type ConnectionChanges = Omit<z.output<typeof editConnectionSchema>, 'name'>;

/** One answer's worth of accounts: the test of a connection is one read-only call at Alpaca, whose pages hold 1,000. */
const REACH_SAMPLE = 1000;

/** A connection that exists only while the app runs in demo mode: its secret never touches the keychain. */
export interface DemoConnection {
  profile: ConnectionProfile;
  secret: string;
}

export interface ConnectionRegistryDeps {
  profiles: ProfileStore;
  vault: SecretVault;
  adapterFactories: Partial<Record<BrokerKind, AdapterFactory>>;
  demoConnections?: DemoConnection[];
  timeoutMs?: number | undefined;
  /** Where each connection's last success and last error are kept; in memory unless given (the service gives the journal). */
  healthStore?: HealthStore | undefined;
}

export interface ResolvedConnection {
  profile: ConnectionProfile;
  adapter: BrokerAdapter;
}

/** Connection profiles and their secrets, and one adapter per connection built from them on first use. */
export class ConnectionRegistry {
  private readonly adapters = new Map<string, BrokerAdapter>();
  private readonly health: ConnectionHealthBook;
  private readonly demo: Map<string, DemoConnection>;
  /** Adds and removes run one after another, so two adds of one name cannot both pass the existence check. */
  private mutations: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ConnectionRegistryDeps) {
    this.health = new ConnectionHealthBook(deps.healthStore);
    this.demo = new Map((deps.demoConnections ?? []).map((connection) => [connection.profile.name.toLowerCase(), connection]));
  }

  async list(): Promise<ConnectionSummary[]> {
    const demo = [...this.demo.values()].map(({ profile }) => summarize(profile, true, this.health.of(profile.name)));
    const saved = (await this.deps.profiles.list()).map((profile) => summarize(profile, false, this.health.of(profile.name)));
    return [...demo, ...saved];
  }

  /** Tests the connection again with one read-only call; a failure is thrown as the broker put it, and noted. */
  test(name: string): Promise<ConnectionSummary> {
    return this.serialized(async () => {
      const { profile, adapter } = await this.resolve(name);
      this.health.succeeded(profile.name, await reachOf(adapter));
      return summarize(profile, this.demo.has(profile.name.toLowerCase()), this.health.of(profile.name));
    });
  }

  /** Replaces the secret in the keychain once the new one has been tested; a refused one changes nothing. */
  rotate(name: string, secret: string): Promise<ConnectionSummary> {
    return this.serialized(async () => {
      const profile = await this.savedProfile(name);
      const reach = await this.probe(profile, secret);
      await this.deps.vault.set(profile.name, secret);
      this.adapters.delete(profile.name.toLowerCase());
      this.health.succeeded(profile.name, reach);
      return summarize(profile, false, this.health.of(profile.name));
    });
  }

  /**
   * Points the connection at another address, sets or clears its firm account, or both, once one read-only call with
   * the stored secret has worked there (and found the firm account, the one kept when only the address changes); a
   * failure changes nothing.
   */
  edit(name: string, changes: ConnectionChanges): Promise<ConnectionSummary> {
    return this.serialized(async () => {
      const profile = await this.savedProfile(name);
      const secret = await this.deps.vault.get(profile.name);
      if (secret === null) throw missingSecret(profile.name);
      const { firmAccount: _held, ...rest } = profile;
      const moved = { ...rest, baseUrl: changes.baseUrl ?? profile.baseUrl };
      const adapter = this.build(moved, secret);
      const reach = await reachOf(adapter);
      const firmRef = changes.firmAccount === undefined ? profile.firmAccount?.accountId : changes.firmAccount;
      const edited: ConnectionProfile = firmRef === undefined || firmRef === null ? moved : { ...moved, firmAccount: await findFirmAccount(adapter, BROKER_CAPABILITIES[profile.broker], profile.name, firmRef) };
      await this.deps.profiles.update(edited);
      this.adapters.delete(profile.name.toLowerCase());
      this.health.succeeded(profile.name, reach);
      return summarize(edited, false, this.health.of(profile.name));
    });
  }

  add(input: AddConnectionInput): Promise<ConnectionSummary> {
    return this.serialized(() => this.addNow(input));
  }

  remove(name: string): Promise<void> {
    return this.serialized(() => this.removeNow(name));
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.mutations.then(work);
    this.mutations = result.catch(() => undefined);
    return result;
  }

  private async addNow(input: AddConnectionInput): Promise<ConnectionSummary> {
    const capabilities = BROKER_CAPABILITIES[input.broker];
    if (!this.deps.adapterFactories[input.broker]) {
      throw new AppError({ code: 'unsupported', field: 'broker', message: `Closeout cannot connect to ${capabilities.displayName} yet.` });
    }
    if (capabilities.credential === 'key-id-and-secret' && !input.keyId) {
      throw validationError('keyId', `is required for ${capabilities.displayName}`);
    }
    if (capabilities.credential === 'login-and-password' && input.login === undefined) {
      throw validationError('login', `is required for ${capabilities.displayName}`);
    }
    if (this.demo.has(input.name.toLowerCase()) || (await this.deps.profiles.get(input.name))) {
      throw new AppError({ code: 'connection_exists', field: 'name', message: `A connection named "${input.name}" already exists.` });
    }
    const profile: ConnectionProfile = {
      name: input.name,
      broker: input.broker,
      baseUrl: input.baseUrl,
      createdAt: new Date().toISOString(),
      ...(input.keyId !== undefined ? { keyId: input.keyId } : {}),
      ...(input.login !== undefined ? { login: input.login } : {}),
    };
    // One read-only call first: a wrong secret or address is refused in the broker's words, and nothing is saved.
    const reach = await this.probe(profile, input.secret);
    // The secret goes first: if the keychain is unavailable, no profile is left behind without its secret.
    await this.deps.vault.set(profile.name, input.secret);
    try {
      await this.deps.profiles.add(profile);
    } catch (error) {
      await this.deps.vault.delete(profile.name);
      throw error;
    }
    this.health.succeeded(profile.name, reach);
    return summarize(profile, false, this.health.of(profile.name));
  }

  /** The adapter for a profile and secret, with whatever the broker echoes of the secret scrubbed. */
  private build(profile: ConnectionProfile, secret: string): BrokerAdapter {
    const factory = this.factoryFor(profile);
    const credentials = { secret, ...(profile.keyId !== undefined ? { keyId: profile.keyId } : {}), ...(profile.login !== undefined ? { login: profile.login } : {}) };
    const redact = createRedactor(secretForms(credentials));
    let built: BrokerAdapter;
    try {
      built = factory({ baseUrl: profile.baseUrl, credentials, ...(this.deps.timeoutMs !== undefined ? { timeoutMs: this.deps.timeoutMs } : {}) });
    } catch (error) {
      throw redactError(error, redact);
    }
    // Everything the broker says reaches receipts, reports and the audit trail through this adapter, so it is scrubbed here.
    return withRedaction(built, redact);
  }

  /**
   * The adapter factory for the profile, once its address passes the rule. Checked again where the secret would leave,
   * not only when a connection is added: a profile saved before the rule existed may still name a remote host over http.
   */
  private factoryFor(profile: ConnectionProfile): AdapterFactory {
    if (!isAllowedBaseUrl(profile.baseUrl)) {
      throw validationError('baseUrl', `${BASE_URL_RULE}: connection "${profile.name}" has ${profile.baseUrl}, so Closeout sends nothing to it; remove it and add it again with https://`);
    }
    const factory = this.deps.adapterFactories[profile.broker];
    if (!factory) {
      throw new AppError({ code: 'unsupported', message: `Closeout cannot connect to ${BROKER_CAPABILITIES[profile.broker].displayName} yet.` });
    }
    return factory;
  }

  private async savedProfile(name: string): Promise<ConnectionProfile> {
    if (this.demo.has(name.toLowerCase())) {
      throw new AppError({ code: 'unsupported', field: 'name', message: `"${name}" is a demo connection and exists only in demo mode.` });
    }
    const profile = await this.deps.profiles.get(name);
    if (!profile) throw new AppError({ code: 'not_found', field: 'name', message: `No connection is named "${name}".` });
    return profile;
  }

  /** What the profile reaches with this secret, from an adapter built for the test alone and dropped after. */
  private async probe(profile: ConnectionProfile, secret: string): Promise<ConnectionReach> {
    return reachOf(this.build(profile, secret));
  }

  private async removeNow(name: string): Promise<void> {
    if (this.demo.has(name.toLowerCase())) {
      throw new AppError({ code: 'unsupported', field: 'name', message: `"${name}" is a demo connection and exists only in demo mode.` });
    }
    const profile = await this.deps.profiles.get(name);
    if (!profile) throw new AppError({ code: 'not_found', field: 'name', message: `No connection is named "${name}".` });
    await this.deps.profiles.remove(profile.name);
    await this.deps.vault.delete(profile.name);
    this.adapters.delete(profile.name.toLowerCase());
    this.health.forget(profile.name);
  }

  async resolve(name: string): Promise<ResolvedConnection> {
    const key = name.toLowerCase();
    const demo = this.demo.get(key);
    const profile = demo?.profile ?? (await this.deps.profiles.get(name));
    if (!profile) throw new AppError({ code: 'not_found', field: 'connection', message: `No connection is named "${name}".` });
    const cached = this.adapters.get(key);
    if (cached) return { profile, adapter: cached };
    this.factoryFor(profile);
    const secret = demo?.secret ?? (await this.deps.vault.get(profile.name));
    if (secret === null) throw missingSecret(profile.name);
    const adapter = this.health.watch(profile.name, this.build(profile, secret));
    this.adapters.set(key, adapter);
    return { profile, adapter };
  }
}

function summarize(profile: ConnectionProfile, demo: boolean, health: ConnectionHealth | undefined): ConnectionSummary {
  return {
    name: profile.name,
    broker: profile.broker,
    baseUrl: profile.baseUrl,
    demo,
    capabilities: BROKER_CAPABILITIES[profile.broker],
    ...(health ? { health } : {}),
    ...(profile.firmAccount ? { firmAccount: { ...profile.firmAccount } } : {}),
  };
}

async function reachOf(adapter: BrokerAdapter): Promise<ConnectionReach> {
  const accounts = await adapter.listAccounts(undefined, { limit: REACH_SAMPLE });
  return { accounts: accounts.length, more: accounts.length >= REACH_SAMPLE };
}

function missingSecret(name: string): AppError {
  return new AppError({
    code: 'credentials_missing',
    message: `No secret is stored in the keychain for connection "${name}": remove the connection and add it again.`,
  });
}
