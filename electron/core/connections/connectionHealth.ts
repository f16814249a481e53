import { AppError, type ErrorCode } from '../../../shared/errors';
import type { ConnectionHealth, ConnectionReach } from '../../../shared/domain';
import type { BrokerAdapter } from '../brokers/broker';

const ANSWERED: ReadonlySet<ErrorCode> = new Set(['broker_rejected', 'not_found', 'validation', 'precondition_failed', 'unsupported', 'in_flight']);

/**
 * How each connection's calls went while this process ran, by connection name (any case). Kept in memory: it says
 * how the broker answered this Closeout lately, which the next start learns again with its first call.
 */
export class ConnectionHealthBook {
  private readonly entries = new Map<string, ConnectionHealth>();

  of(name: string): ConnectionHealth | undefined {
    const entry = this.entries.get(name.toLowerCase());
    return entry && { ...entry };
  }

  succeeded(name: string, reach?: ConnectionReach): void {
    const held = this.entries.get(name.toLowerCase());
    this.entries.set(name.toLowerCase(), { lastSuccessAt: new Date().toISOString(), lastError: held?.lastError ?? null, reach: reach ?? held?.reach ?? null });
  }

  failed(name: string, error: unknown): void {
    const held = this.entries.get(name.toLowerCase());
    const failure = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
    this.entries.set(name.toLowerCase(), { lastSuccessAt: held?.lastSuccessAt ?? null, lastError: { at: new Date().toISOString(), ...failure }, reach: held?.reach ?? null });
  }

  forget(name: string): void {
    this.entries.delete(name.toLowerCase());
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
}
