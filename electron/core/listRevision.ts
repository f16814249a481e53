import { createHash } from 'node:crypto';
import type { PolledList } from '../../shared/polledList';

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
