import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ConnectionSummary } from '../../../shared/domain';
import { describeError } from '../../../shared/errors';
import { editConnectionMutation } from '../../api/connections';
import { pushNotice } from '../../state/notifications';

/**
 * A connection's firm account, where its wind-downs sweep cash, and the form that sets or clears it. The broker is
 * asked before anything is saved, so a number it does not know is refused in its cell.
 */
export function FirmAccountCell({ connection }: { connection: ConnectionSummary }) {
  const { name, firmAccount } = connection;
  const queryClient = useQueryClient();
  const edit = useMutation(editConnectionMutation(queryClient, name));
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');

  const sweep = connection.capabilities.cashSweep;
  if (!sweep.available) return <span title={sweep.reason}>—</span>;
  if (connection.demo) return <span title="Demo connections keep no settings.">—</span>;

  const save = (firm: string | null) =>
    edit.mutate(
      { firmAccount: firm },
      {
        onSuccess: (saved) => {
          setEditing(false);
          pushNotice({ tone: 'success', text: saved.firmAccount ? `“${name}” sweeps wind-down cash to firm account ${saved.firmAccount.number}.` : `“${name}” has no firm account now.` });
        },
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (value.trim() !== '') save(value.trim());
  };

  if (!editing) {
    return (
      <span className="firm-account" data-testid={`settings-firm-account-${name}`}>
        <span>{firmAccount ? `${firmAccount.number} (${firmAccount.name})` : 'None'}</span>
        <button
          type="button"
          className="button button-small"
          aria-label={`Set the firm account of ${name}`}
          onClick={() => {
            edit.reset();
            setValue(firmAccount?.number ?? '');
            setEditing(true);
          }}
        >
          {firmAccount ? 'Change' : 'Set'}
        </button>
      </span>
    );
  }
  return (
    <form className="firm-account-form" onSubmit={submit}>
      <input
        aria-label={`Firm account of ${name} (account number or id)`}
        value={value}
        disabled={edit.isPending}
        autoFocus
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="button button-small button-primary" disabled={edit.isPending || value.trim() === ''}>
        {edit.isPending ? 'Checking…' : 'Save'}
      </button>
      {firmAccount ? (
        <button type="button" className="button button-small" disabled={edit.isPending} onClick={() => save(null)}>
          Clear
        </button>
      ) : null}
      <button type="button" className="button button-small" disabled={edit.isPending} onClick={() => setEditing(false)}>
        Cancel
      </button>
      {edit.isError ? (
        <span className="field-error" role="alert">
          {describeError(edit.error)}
        </span>
      ) : null}
    </form>
  );
}
