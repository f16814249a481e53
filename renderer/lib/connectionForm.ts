// First: zod must be configured before shared/contract builds its schemas (see zodConfig.ts).
import '../zodConfig';
import { BROKER_CAPABILITIES, type BrokerCapabilities, type BrokerKind } from '../../shared/brokers';
import { addConnectionSchema, type RequestOf } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/errors';

export const FORM_FIELDS = ['name', 'broker', 'baseUrl', 'keyId', 'login', 'secret'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FieldErrors = Partial<Record<FormField, string>>;

export interface ConnectionFormValues {
  name: string;
  broker: BrokerKind;
  baseUrl: string;
  keyId: string;
  login: string;
  secret: string;
}

/** The credential inputs a broker needs, by label; null where the broker does not use that input. */
export interface CredentialFields {
  keyId: string | null;
  login: string | null;
  secret: string;
}

export function credentialFields(credential: BrokerCapabilities['credential']): CredentialFields {
  switch (credential) {
    case 'key-id-and-secret':
      return { keyId: 'Key ID', login: null, secret: 'Secret key' };
    case 'api-key':
      return { keyId: null, login: null, secret: 'API key' };
    case 'jwt':
      return { keyId: null, login: null, secret: 'Token' };
    case 'login-and-password':
      return { keyId: null, login: 'Login', secret: 'Password' };
  }
}

const FIELD_LABELS: Record<FormField, string> = {
  name: 'Name',
  broker: 'Broker',
  baseUrl: 'Base URL',
  keyId: 'Key ID',
  login: 'Login',
  secret: 'Secret',
};

function isFormField(value: unknown): value is FormField {
  return typeof value === 'string' && (FORM_FIELDS as readonly string[]).includes(value);
}

export type AddConnectionResult = { request: RequestOf<'connections:add'>; errors: null } | { request: null; errors: FieldErrors };

/**
 * Builds the connections:add request from the form, checked by the contract's own schema so the form shows the same
 * rules the main process enforces, beside the field they concern.
 */
export function buildAddConnectionRequest(values: ConnectionFormValues): AddConnectionResult {
  const fields = credentialFields(BROKER_CAPABILITIES[values.broker].credential);
  const errors: FieldErrors = {};
  const request: RequestOf<'connections:add'> = {
    name: values.name.trim(),
    broker: values.broker,
    baseUrl: values.baseUrl.trim(),
    secret: values.secret,
  };
  if (request.baseUrl === '') errors.baseUrl = 'Base URL must not be empty.';
  if (values.secret === '') errors.secret = `${fields.secret} must not be empty.`;
  if (fields.keyId) {
    const keyId = values.keyId.trim();
    if (keyId === '') errors.keyId = `${fields.keyId} must not be empty.`;
    else request.keyId = keyId;
  }
  if (fields.login) {
    const login = values.login.trim();
    if (!/^[1-9]\d{0,9}$/.test(login)) errors.login = `${fields.login} must be a whole number.`;
    else request.login = Number(login);
  }

  const parsed = addConnectionSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isFormField(field) && errors[field] === undefined) {
        errors[field] = field === 'secret' ? `${fields.secret} ${issue.message}.` : `${FIELD_LABELS[field]} ${issue.message}.`;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { request: null, errors } : { request, errors: null };
}

/** Places a validation error from the main process beside its field; null when it belongs to the form as a whole. */
export function fieldOfError(error: AppErrorShape): FormField | null {
  if (error.code === 'validation' && isFormField(error.field)) return error.field;
  if (error.code === 'connection_exists') return 'name';
  return null;
}

/**
 * A field error from the main process in the form's words: main names the field by its key ("baseUrl must be an
 * absolute URL"), the form by its label ("Base URL must be an absolute URL.").
 */
export function fieldErrorMessage(error: AppErrorShape, field: FormField, secretLabel: string): string {
  const label = field === 'secret' ? secretLabel : FIELD_LABELS[field];
  const rule = error.message.startsWith(`${field} `) ? error.message.slice(field.length + 1) : error.message;
  const sentence = rule.startsWith(label) ? rule : /^[a-z]/.test(rule) ? `${label} ${rule}` : `${label}: ${rule}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
