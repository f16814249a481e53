import { AppError } from '../../../shared/errors';
import type { Journal } from './journal';
import { describeProcess } from './processIdentity';

// A lease keeps every Closeout process (and every other action in this one) off a target while an action on it is in
// flight. Keys nest (see leaseKeys.ts): an account's key is a prefix of its positions' and orders' keys, so an
// account-wide action and an action inside that account exclude each other. Taking a lease, and taking one over from
// a process that is gone, happens inside one write transaction, so of any number of processes exactly one wins.

export interface LeaseHolder {
  actionId: string;
  /** What the holder is doing, for the refusal another caller gets: "close all positions". */
  description: string;
}

export interface Leases {
  /** Takes the lease in its own transaction; returns its release. Throws in_flight naming the holder otherwise. */
  acquire(key: string, holder: LeaseHolder): () => void;
  /** The same inside the caller's transaction. */
  acquireInTransaction(key: string, holder: LeaseHolder): () => void;
}

interface LeaseRow {
  key: string;
  owner: string;
  action_id: string;
  description: string;
  since: string;
}

export function openLeases(journal: Journal): Leases {
  const { db } = journal;
  const overlapping = db.prepare<{ key: string }, LeaseRow>('SELECT * FROM leases WHERE substr(key, 1, length(:key)) = :key OR substr(:key, 1, length(key)) = key');
  const remove = db.prepare('DELETE FROM leases WHERE key = ? AND owner = ?');
  const insert = db.prepare('INSERT INTO leases (key, owner, action_id, description, since) VALUES (?, ?, ?, ?, ?)');
  const release = db.prepare('DELETE FROM leases WHERE key = ? AND owner = ? AND action_id = ?');

  function acquireInTransaction(key: string, holder: LeaseHolder): () => void {
    for (const lease of overlapping.all({ key })) {
      if (lease.owner !== journal.me && !journal.isRunning(lease.owner)) {
        remove.run(lease.key, lease.owner);
        continue;
      }
      throw refusal(journal, lease);
    }
    insert.run(key, journal.me, holder.actionId, holder.description, new Date().toISOString());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Only this holder's row: a lease taken over since (by a process that found this one gone) stays with its owner.
      try {
        journal.write(() => release.run(key, journal.me, holder.actionId));
      } catch {
        // A journal that cannot be written keeps the lease until this process ends; the next one takes it over then.
      }
    };
  }

  return {
    acquireInTransaction,
    acquire: (key, holder) => journal.write(() => acquireInTransaction(key, holder)),
  };
}

function refusal(journal: Journal, lease: LeaseRow): AppError {
  if (lease.owner === journal.me) {
    return new AppError({
      code: 'in_flight',
      outcome: 'not_sent',
      retryable: false,
      message: `Refused: ${lease.description} (action ${lease.action_id}) is still in flight for this target.`,
    });
  }
  const holder = journal.processOf(lease.owner);
  return new AppError({
    code: 'in_flight',
    outcome: 'not_sent',
    retryable: false,
    message:
      `Refused: ${lease.description} (action ${lease.action_id}) is in flight in another Closeout ` +
      `(${holder ? describeProcess(holder) : 'a process that left no details'}); nothing was sent. Wait for it to end.`,
  });
}
