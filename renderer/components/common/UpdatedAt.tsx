import { formatClock } from '../../lib/format';
import './UpdatedAt.css';

/** When the data on screen was read, and whether a refresh is under way. */
export function UpdatedAt({ at, fetching }: { at: number; fetching: boolean }) {
  if (at === 0) return null;
  return (
    <span className="updated">
      Updated {formatClock(at)}
      {fetching ? ' · refreshing' : ''}
    </span>
  );
}
