import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { BROKER_CAPABILITIES, BROKER_KINDS, type BrokerKind } from '../../../shared/brokers';
import type { ConnectionReach } from '../../../shared/domain';
import { describeError } from '../../../shared/errors';
import { toAppError } from '../../api/client';
import { addConnectionMutation, oneShotAddRequest } from '../../api/connections';
import {
  buildAddConnectionRequest,
  credentialFields,
  fieldErrorMessage,
  fieldOfError,
  type ConnectionFormValues,
  type FieldErrors,
  type FormField,
} from '../../lib/connectionForm';
import { pushNotice } from '../../state/notifications';
import './AddConnectionForm.css';

const CUSTOM = 'custom';

function emptyForm(broker: BrokerKind, name = ''): ConnectionFormValues {
  return { name, broker, baseUrl: BROKER_CAPABILITIES[broker].presets[0]?.baseUrl ?? '', keyId: '', login: '', secret: '' };
}

interface FieldProps {
  field: FormField;
  label: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'url';
  inputMode?: 'numeric';
  hint?: string | undefined;
}

function Field({ field, label, value, error, onChange, type = 'text', inputMode, hint }: FieldProps) {
  const id = useId();
  const messageId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={field}
        className="input"
        type={type}
        inputMode={inputMode}
        value={value}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error !== undefined}
        aria-describedby={error || hint ? messageId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <span id={messageId} className="field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={messageId} className="hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** Adds a connection. The secret lives in this form only until submit, and goes to the main process exactly once. */
export function AddConnectionForm() {
  const [values, setValues] = useState<ConnectionFormValues>(() => emptyForm('alpaca'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const add = useMutation(addConnectionMutation(queryClient));
  const pending = add.isPending;
  const brokerId = useId();
  const presetId = useId();

  const caps = BROKER_CAPABILITIES[values.broker];
  const fields = credentialFields(caps.credential);
  const preset = caps.presets.find((candidate) => candidate.baseUrl === values.baseUrl)?.baseUrl ?? CUSTOM;
  const set = (field: keyof ConnectionFormValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const built = buildAddConnectionRequest(values);
    // The secret leaves component state at once, whether or not the request goes out.
    setValues((current) => ({ ...current, secret: '' }));
    setFormError(null);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      const added = await add.mutateAsync(oneShotAddRequest(built.request));
      pushNotice({ tone: 'success', text: `Connection “${added.name}” added (${BROKER_CAPABILITIES[added.broker].displayName}).${reachSentence(added.health?.reach)}` });
      setValues(emptyForm(values.broker));
    } catch (caught) {
      const error = toAppError(caught);
      const field = fieldOfError(error);
      if (field) setErrors({ [field]: fieldErrorMessage(error, field, fields.secret) });
      else setFormError(describeError(error));
    }
  };

  return (
    <form className="add-connection" noValidate onSubmit={(event) => void submit(event)}>
      <Field field="name" label="Name" value={values.name} error={errors.name} onChange={set('name')} hint="Shown in the list, e.g. “Alpaca sandbox”." />
      <div className="field">
        <label htmlFor={brokerId}>Broker</label>
        <select
          id={brokerId}
          className="input"
          value={values.broker}
          onChange={(event) => {
            setValues((current) => emptyForm(event.target.value as BrokerKind, current.name));
            setErrors({});
          }}
        >
          {BROKER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {BROKER_CAPABILITIES[kind].displayName}
            </option>
          ))}
        </select>
      </div>
      {caps.presets.length > 0 ? (
        <div className="field">
          <label htmlFor={presetId}>Environment</label>
          <select
            id={presetId}
            className="input"
            value={preset}
            onChange={(event) => {
              if (event.target.value !== CUSTOM) set('baseUrl')(event.target.value);
            }}
          >
            {caps.presets.map((candidate) => (
              <option key={candidate.baseUrl} value={candidate.baseUrl}>
                {candidate.label}
              </option>
            ))}
            <option value={CUSTOM}>Custom URL</option>
          </select>
        </div>
      ) : null}
      <Field
        field="baseUrl"
        label="Base URL"
        type="url"
        value={values.baseUrl}
        error={errors.baseUrl}
        onChange={set('baseUrl')}
        hint={caps.presets.length > 0 ? undefined : `${caps.displayName} has no public address: enter your broker's URL.`}
      />
      {fields.keyId ? <Field field="keyId" label={fields.keyId} value={values.keyId} error={errors.keyId} onChange={set('keyId')} /> : null}
      {fields.login ? (
        <Field field="login" label={fields.login} inputMode="numeric" value={values.login} error={errors.login} onChange={set('login')} />
      ) : null}
      <Field
        field="secret"
        label={fields.secret}
        type="password"
        value={values.secret}
        error={errors.secret}
        onChange={set('secret')}
        hint="Stored in the system keychain; never shown again."
      />
      {formError ? (
        <p className="note note-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          {pending ? 'Adding…' : 'Add connection'}
        </button>
      </div>
    </form>
  );
}

/** What the test call at add time reached, as a sentence for the notice; nothing when it says nothing. */
function reachSentence(reach: ConnectionReach | null | undefined): string {
  if (!reach) return '';
  return ` It reaches ${reach.more ? 'at least ' : ''}${reach.accounts.toLocaleString('en-US')} account${reach.accounts === 1 ? '' : 's'}.`;
}
