import { AppError, type ErrorCode } from '../../../shared/errors';
import type { ConnectionHealth, ConnectionReach } from '../../../shared/domain';
import type { BrokerAdapter } from '../brokers/broker';
import { createMemoryHealthStore, type HealthStore } from './healthStore';

const ANSWERED: ReadonlySet<ErrorCode> = new Set(['broker_rejected', 'not_found', 'validation', 'precondition_failed', 'unsupported', 'in_flight']);

/**
 * A connection polled every second would otherwise commit (and fsync) the journal every second to say the same thing:
 * a success is written again only after this long, unless it ends a failure or brings a new reach.
 */
export const HEALTH_WRITE_EVERY_MS = 15_000;

interface Written {
  at: number;
  failing: boolean;
  error: string | null;
}

/**
 * How each connection's calls went, by connection name (any case): kept in the store (the journal, in the app and the
 * command), so the list shows it after a restart and whichever process made the call. This process's latest word is
 * held in memory too, so a success not yet written still shows here.
 */
export class ConnectionHealthBook {
  private readonly latest = new Map<string, ConnectionHealth>();
  private readonly written = new Map<string, Written>();

  constructor(
    private readonly store: HealthStore = createMemoryHealthStore(),
    private readonly now: () => number = Date.now,
  ) {}

  of(name: string): ConnectionHealth | undefined {
    return fresher(this.stored(name), this.latest.get(name.toLowerCase()));
  }

  succeeded(name: string, reach?: ConnectionReach): void {
    const held = this.of(name);
    const health = { lastSuccessAt: this.isoNow(), lastError: held?.lastError ?? null, reach: reach ?? held?.reach ?? null };
    const last = this.written.get(name.toLowerCase());
    const due = reach !== undefined || last === undefined || last.failing || this.now() - last.at >= HEALTH_WRITE_EVERY_MS;
    this.note(name, health, due, { failing: false, error: last?.error ?? null });
  }

  failed(name: string, error: unknown): void {
    const held = this.of(name);
    const failure = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
    const health = { lastSuccessAt: held?.lastSuccessAt ?? null, lastError: { at: this.isoNow(), ...failure }, reach: held?.reach ?? null };
    const said = `${failure.code} ${failure.message}`;
    const last = this.written.get(name.toLowerCase());
    const due = last === undefined || !last.failing || last.error !== said || this.now() - last.at >= HEALTH_WRITE_EVERY_MS;
    this.note(name, health, due, { failing: true, error: said });
  }

  forget(name: string): void {
    this.latest.delete(name.toLowerCase());
    this.written.delete(name.toLowerCase());
    this.store.forget(name);
  }

  /** The adapter, noting each call's success or failure under `name`; the adapter's own answers pass through untouched. */
  watch(name: string, adapter: BrokerAdapter): BrokerAdapter {
    return new Proxy(adapter, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          try {
            const result: unknown = await value.apply(target, args);
            this.succeeded(name);
            return result;
          } catch (error) {
            // A refused close or a missing position is the broker answering about that position: the connection works.
            if (error instanceof AppError && ANSWERED.has(error.code)) this.succeeded(name);
            else this.failed(name, error);
            throw error;
          }
        };
      },
    });
  }

  private note(name: string, health: ConnectionHealth, due: boolean, state: Omit<Written, 'at'>): void {
    this.latest.set(name.toLowerCase(), health);
    if (!due) return;
    // Health only describes the calls; a journal that cannot be written must not turn a broker's answer into a failure.
    try {
      this.store.write(name, health);
      this.written.set(name.toLowerCase(), { at: this.now(), ...state });
    } catch {
      return;
    }
  }

  private stored(name: string): ConnectionHealth | undefined {
    try {
      return this.store.read(name);
    } catch {
      return undefined;
    }
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

/** Each part from whichever side saw it last: another process may have written since this one's latest call. */
function fresher(a: ConnectionHealth | undefined, b: ConnectionHealth | undefined): ConnectionHealth | undefined {
  if (!a || !b) return a ?? b;
  const aSucceededLater = (a.lastSuccessAt ?? '') >= (b.lastSuccessAt ?? '');
  return {
    lastSuccessAt: aSucceededLater ? a.lastSuccessAt : b.lastSuccessAt,
    lastError: (a.lastError?.at ?? '') >= (b.lastError?.at ?? '') ? a.lastError : b.lastError,
    reach: (aSucceededLater ? (a.reach ?? b.reach) : (b.reach ?? a.reach)) ?? null,
  };
}
