import { useId } from 'react';
import { plural } from '../../lib/format';
import { confirmsCount } from '../../lib/windDownPlan';
import './CountConfirmation.css';

/** The one typed confirmation of a wind-down: the number of accounts the run will act on. */
export function CountConfirmation({ count, value, onChange, sweep = null }: { count: number; value: string; onChange(value: string): void; sweep?: string | null }) {
  const id = useId();
  const hintId = useId();
  const matches = confirmsCount(value, count);
  return (
    <div className="field wind-down-confirm">
      <label htmlFor={id}>
        Type <strong className="mono">{count}</strong>, the number of accounts that will be acted on{sweep ? `, ${sweep}` : ''}, to confirm
      </label>
      <input
        id={id}
        className={`input mono ${matches ? 'input-ok' : ''}`}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        // The plan has just appeared below the list: the next thing to do is read it and type here.
        autoFocus
        value={value}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={hintId} className="hint">
        {value === ''
          ? `Start unlocks when you type the number of ${plural(count, 'account')} exactly.`
          : matches
            ? 'The number matches.'
            : 'Does not match yet.'}
      </span>
    </div>
  );
}
