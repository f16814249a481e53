import { useId, useState, type ChangeEvent } from 'react';
import type { AccountList } from '../../../shared/accountList';
import { plural } from '../../lib/format';
import { readTextFile } from './readTextFile';
import './AccountListInput.css';

interface AccountListInputProps {
  text: string;
  parsed: AccountList;
  /** While a check or a run is under way the list stays as it was sent. */
  disabled: boolean;
  checking: boolean;
  onTextChange(text: string): void;
  onCheck(): void;
}

/** The accounts to wind down, pasted or loaded from a CSV file into the same box, with every problem named by its line. */
export function AccountListInput({ text, parsed, disabled, checking, onTextChange, onCheck }: AccountListInputProps) {
  const textId = useId();
  const hintId = useId();
  const fileId = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const empty = text.trim() === '';
  const invalid = !empty && parsed.errors.length > 0;

  const loadFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared at once, so picking the same file again after an edit loads it again.
    input.value = '';
    if (!file) return;
    readTextFile(file).then(
      (content) => {
        setFileError(null);
        onTextChange(content);
      },
      (error: unknown) => setFileError(error instanceof Error ? error.message : 'The file could not be read.'),
    );
  };

  return (
    <div className="wind-down-list">
      <div className="field">
        <label htmlFor={textId}>Accounts to wind down (ids or account numbers)</label>
        <textarea
          id={textId}
          className="input wind-down-textarea mono"
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder={'One per line, or separated by commas or spaces.\nA CSV file needs an account, account_id or account_number column.'}
          data-autofocus
          value={text}
          disabled={disabled}
          aria-invalid={invalid}
          aria-describedby={hintId}
          onChange={(event) => onTextChange(event.target.value)}
        />
        <div id={hintId} className={invalid ? 'note note-error' : 'hint'} data-testid="wind-down-list-status">
          {empty ? (
            'Nothing is read from the broker until you check the accounts.'
          ) : invalid ? (
            <>
              <p>The list cannot be checked until these are fixed:</p>
              <ul>
                {parsed.errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            </>
          ) : (
            `${parsed.accounts.length} ${plural(parsed.accounts.length, 'account')} in the list.`
          )}
        </div>
      </div>
      <div className="wind-down-list-tools">
        <div className="field">
          <label htmlFor={fileId}>Or load a CSV file</label>
          <input id={fileId} type="file" accept=".csv,.txt,text/csv,text/plain" disabled={disabled} onChange={loadFile} />
        </div>
        <button type="button" className="button button-primary" disabled={disabled || empty || invalid || checking} aria-busy={checking} onClick={onCheck}>
          {checking ? 'Checking…' : 'Check accounts'}
        </button>
      </div>
      {fileError ? (
        <p className="note note-error" role="alert">
          {fileError}
        </p>
      ) : null}
    </div>
  );
}
