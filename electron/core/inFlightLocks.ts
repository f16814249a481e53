import { AppError } from '../../shared/errors';

export interface InFlightEntry {
  actionId: string;
  description: string;
}

/**
 * One destructive action per target at a time: a second request for a position, order or account that already has an
 * action in flight is refused, naming the first, so a double click or a second window cannot send a close twice.
 * Targets nest: an account-wide action conflicts with any action inside that account, and the other way round.
 */
export class InFlightLocks {
  private readonly entries = new Map<string, InFlightEntry>();

  async run<T>(target: string, entry: InFlightEntry, work: () => Promise<T>): Promise<T> {
    const release = this.acquire(target, entry);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Holds the target until the returned release is called: for work that outlives the request, such as settling an unknown outcome. */
  acquire(target: string, entry: InFlightEntry): () => void {
    const existing = this.conflictWith(target);
    if (existing) {
      throw new AppError({
        code: 'in_flight',
        outcome: 'not_sent',
        retryable: false,
        message: `Refused: ${existing.description} (action ${existing.actionId}) is still in flight for this target.`,
      });
    }
    this.entries.set(target, entry);
    return () => {
      if (this.entries.get(target) === entry) this.entries.delete(target);
    };
  }

  conflictWith(target: string): InFlightEntry | undefined {
    for (const [key, entry] of this.entries) {
      if (key.startsWith(target) || target.startsWith(key)) return entry;
    }
    return undefined;
  }
}

const SEPARATOR = '\u0000';

export const lockTarget = {
  account: (connection: string, accountId: string) => [connection, accountId, ''].join(SEPARATOR),
  position: (connection: string, accountId: string, positionId: string) =>
    [connection, accountId, 'position', positionId, ''].join(SEPARATOR),
  order: (connection: string, accountId: string, orderId: string) => [connection, accountId, 'order', orderId, ''].join(SEPARATOR),
};
