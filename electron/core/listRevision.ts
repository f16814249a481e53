import { createHash, randomBytes } from 'node:crypto';
import type { PolledList } from '../../shared/polledList';
import type { BodyPoll, HeldDigest } from './brokers/broker';

/**
 * A digest of a list exactly as the renderer would receive it: equal revisions mean equal lists. Stateless on purpose:
 * it survives a restart of the core, serves any number of windows, and keeps no copy of any account's rows.
 */
export function revisionOf(items: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('base64url');
}

/** The answer to a poll: the items, or only `unchanged` when the caller already holds this revision. */
export function toPolledList<T>(items: T[], knownRevision: string | undefined): PolledList<T> {
  const revision = revisionOf(items);
  return revision === knownRevision ? { revision, unchanged: true } : { revision, unchanged: false, items };
}

/**
 * Revisions of lists named by the digest of the broker's raw answer, so an unchanged answer is known before it is
 * decoded or parsed. Salted per process: a revision a renderer kept from before a restart never matches, so every list
 * this core calls unchanged is one it has read itself (and noted its symbols for the audit trail). The list's name
 * goes in too, so two accounts with byte-identical answers never share a revision.
 */
export function createBodyRevisions(salt: Buffer = randomBytes(16)) {
  const revisionOfBody = (list: string, digest: string): string =>
    createHash('sha256').update(salt).update(list).update('\u0000').update(digest).digest('base64url');
  return {
    /** What the adapter asks before reading: does the caller hold the answer with this digest? */
    held(list: string, knownRevision: string | undefined): HeldDigest {
      return (digest) => knownRevision !== undefined && revisionOfBody(list, digest) === knownRevision;
    },
    toPolledList<T>(list: string, poll: BodyPoll<T>): PolledList<T> {
      const revision = revisionOfBody(list, poll.digest);
      return poll.items === null ? { revision, unchanged: true } : { revision, unchanged: false, items: poll.items };
    },
  };
}
