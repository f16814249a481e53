import { describe, expect, it } from 'vitest';
import { buildAddConnectionRequest, credentialFields, fieldErrorMessage, fieldOfError, type ConnectionFormValues } from './connectionForm';

function values(overrides: Partial<ConnectionFormValues> = {}): ConnectionFormValues {
  return {
    name: 'Alpaca sandbox',
    broker: 'alpaca',
    baseUrl: 'https://broker-api.sandbox.alpaca.markets',
    keyId: 'CK123',
    login: '',
    secret: 's3cret',
    ...overrides,
  };
}

describe('credentialFields', () => {
  it('asks each kind of credential for what it needs', () => {
    expect(credentialFields('key-id-and-secret')).toEqual({ keyId: 'Key ID', login: null, secret: 'Secret key' });
    expect(credentialFields('api-key').secret).toBe('API key');
    expect(credentialFields('jwt').secret).toBe('Token');
    expect(credentialFields('login-and-password')).toEqual({ keyId: null, login: 'Login', secret: 'Password' });
  });
});

describe('buildAddConnectionRequest', () => {
  it('builds an Alpaca request with key id and secret', () => {
    expect(buildAddConnectionRequest(values())).toEqual({
      request: { name: 'Alpaca sandbox', broker: 'alpaca', baseUrl: 'https://broker-api.sandbox.alpaca.markets', keyId: 'CK123', secret: 's3cret' },
      errors: null,
    });
  });

  it('sends the ScaleTrade login as an integer and no key id', () => {
    const result = buildAddConnectionRequest(values({ broker: 'scaletrade', baseUrl: 'https://demo.scaletrade.test', login: '70012' }));
    expect(result.request).toEqual({ name: 'Alpaca sandbox', broker: 'scaletrade', baseUrl: 'https://demo.scaletrade.test', login: 70012, secret: 's3cret' });
  });

  it('refuses a login that is not a whole number', () => {
    expect(buildAddConnectionRequest(values({ broker: 'scaletrade', login: '12.5' })).errors).toEqual({ login: 'Login must be a whole number.' });
  });

  it('reports the contract rules beside the field they break', () => {
    const result = buildAddConnectionRequest(values({ name: '-bad', baseUrl: 'ftp://example.com', keyId: '' }));
    expect(result.errors?.name).toMatch(/^Name must be 1-64 letters/);
    expect(result.errors?.baseUrl).toMatch(/^Base URL must start with https:\/\//);
    expect(result.errors?.keyId).toBe('Key ID must not be empty.');
  });

  it('names the secret by the label the broker uses', () => {
    expect(buildAddConnectionRequest(values({ broker: 'exness', secret: '' })).errors).toEqual({ secret: 'Token must not be empty.' });
  });
});

describe('fieldOfError', () => {
  it('places a validation error from main beside its field', () => {
    expect(fieldOfError({ code: 'validation', message: 'baseUrl must be an absolute URL', retryable: false, field: 'baseUrl' })).toBe('baseUrl');
  });

  it('places a duplicate name beside the name and other errors on the form', () => {
    expect(fieldOfError({ code: 'connection_exists', message: 'exists', retryable: false })).toBe('name');
    expect(fieldOfError({ code: 'keychain_unavailable', message: 'no keychain', retryable: false })).toBeNull();
  });
});

describe('fieldErrorMessage', () => {
  it('puts the form label in place of the key main names the field by', () => {
    const error = { code: 'validation' as const, message: 'baseUrl must be an absolute URL', retryable: false, field: 'baseUrl' };
    expect(fieldErrorMessage(error, 'baseUrl', 'Secret key')).toBe('Base URL must be an absolute URL.');
  });

  it('names the secret by the broker label', () => {
    const error = { code: 'credentials_refused' as const, message: 'The broker refused these credentials.', retryable: false };
    expect(fieldErrorMessage(error, 'secret', 'API key')).toBe('API key: The broker refused these credentials.');
  });
});
