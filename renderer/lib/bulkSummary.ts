import { countStates, type BulkItemResult } from '../../shared/bulk';
import { plural } from './format';

/** One notice for a whole bulk run: a toast per item would bury the rows it is about. */
export function bulkSummary(results: readonly Pick<BulkItemResult, 'state'>[], what: string): { tone: 'success' | 'warning' | 'error'; text: string } {
  const { done, refused, unknown } = countStates(results);
  const parts = [`${what}: ${done} of ${results.length} ${plural(results.length, 'item')} accepted`];
  if (refused > 0) parts.push(`${refused} refused`);
  if (unknown > 0) parts.push(`${unknown} outcome unknown (Closeout is re-reading; do not send them again)`);
  return { tone: unknown > 0 || refused === results.length ? 'error' : refused > 0 ? 'warning' : 'success', text: `${parts.join('; ')}.` };
}
