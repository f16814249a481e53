import { AppError } from '../../../shared/errors';
import type { BrokerAdapter } from './broker';
import type { Redact } from './secretRedactor';

// Brokers quote requests back (an error that repeats the Authorization header, a per-position result that echoes the
// body), and whatever an adapter hands over travels on into receipts, progress records, reports and the audit trail.
// Scrubbing here, once, where an adapter's answers leave it, covers every adapter and every method, present or future.

// Rows a broker lists (accounts, balances, positions, orders, closed trades) are its own records, read on every poll:
// walking every field of 10,000 positions cost more than the rest of a listing (1.1x -> 1.5x of a bare GET + parse).
// Brokers echo requests into messages and per-item results, which the other methods and every error carry.
const ROW_READS: ReadonlySet<string> = new Set(['listAccounts', 'getAccount', 'getBalances', 'listPositions', 'listOrders', 'pollPositions', 'pollOrders', 'listCloseHistory']);

/**
 * The adapter with the connection's secret scrubbed from every string its actions resolve with and from every error
 * they throw. A Proxy rather than a list of methods, so an optional method stays absent where the adapter has none
 * and a method added later cannot be forgotten.
 */
export function withRedaction(adapter: BrokerAdapter, redact: Redact): BrokerAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const scrubsResult = !ROW_READS.has(String(property));
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await value.apply(target, args);
          return scrubsResult ? redactValue(result, redact) : result;
        } catch (error) {
          throw redactError(error, redact);
        }
      };
    },
  });
}

/**
 * The value with every string in it scrubbed, through arrays and plain objects; other values are left as they are. A
 * part with nothing to scrub is returned as it was rather than copied: adapters answer with thousands of rows on every
 * poll, and almost never with a secret in them.
 */
export function redactValue<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') {
    const scrubbed = redact(value);
    return (scrubbed === value || isPlainNumber(value) ? value : scrubbed) as T;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, index) => {
      const scrubbed = redactValue(item, redact);
      if (scrubbed !== item) (copy ??= [...value])[index] = scrubbed;
    });
    return (copy ?? value) as T;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const scrubbed = redactValue(value[key], redact);
      if (scrubbed !== value[key]) (copy ??= { ...value })[key] = scrubbed;
    }
    return (copy ?? value) as T;
  }
  return value;
}

/** An AppError comes back rebuilt with every field scrubbed; any other error has its message and stack scrubbed. */
export function redactError(error: unknown, redact: Redact): unknown {
  if (error instanceof AppError) return AppError.from(redactValue(error.toShape(), redact));
  if (error instanceof Error) {
    error.message = redact(error.message);
    if (error.stack !== undefined) error.stack = redact(error.stack);
  }
  return error;
}

/**
 * A quantity, a price or a numeric ticket is the broker's own number, not quoted text: scrubbing digits that happen to
 * spell a numeric password would turn it into a different number, or into none.
 */
function isPlainNumber(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
