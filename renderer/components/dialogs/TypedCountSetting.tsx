import { useId, useState } from 'react';
import { parseTypedAbove } from '../../lib/typedThreshold';
import { useConfirmPrefsActions, useTypedAbove } from '../../state/confirmPrefs';

/** Above how many picked rows an action asks for their number to be typed (default 5). */
export function TypedCountSetting() {
  const typedAbove = useTypedAbove();
  const { setTypedAbove } = useConfirmPrefsActions();
  const [text, setText] = useState(String(typedAbove));
  const id = useId();
  const hintId = useId();
  const parsed = parseTypedAbove(text);
  return (
    <div className="field">
      <label htmlFor={id}>Ask to type the count when acting on more picked rows than</label>
      <input
        id={id}
        className="input input-small mono"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        aria-invalid={parsed.error !== null}
        aria-describedby={hintId}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseTypedAbove(event.target.value);
          if (next.value !== null) setTypedAbove(next.value);
        }}
      />
      <span id={hintId} className={parsed.error ? 'field-error' : 'hint'}>
        {parsed.error ?? `Now ${typedAbove}: closing or cancelling ${typedAbove + 1} or more picked rows asks for their number.`}
      </span>
    </div>
  );
}
