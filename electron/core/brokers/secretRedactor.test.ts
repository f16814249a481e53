import { describe, expect, it } from 'vitest';
import { createRedactor, secretForms } from './secretRedactor';

const scrub = (credentials: Parameters<typeof secretForms>[0], text: string) => createRedactor(secretForms(credentials))(text);

describe('secretForms and createRedactor', () => {
  const secret = 'p@ss w/rd+"x"';
  const basic = Buffer.from(`AKID:${secret}`).toString('base64');

  it('scrubs the secret as stored, in its Bearer and Basic headers, percent-encoded in either case and form-encoded', () => {
    const spellings = [
      secret,
      `Bearer ${secret}`,
      `Basic ${basic}`,
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      encodeURIComponent(`Bearer ${secret}`),
      encodeURIComponent(basic),
      new URLSearchParams({ authorization: `Basic ${basic}` }).toString(),
      JSON.stringify({ password: secret }),
    ];
    for (const spelling of spellings) {
      const text = scrub({ keyId: 'AKID', secret }, `the broker said: ${spelling}.`);
      expect(text, spelling).toContain('[redacted]');
      for (const form of [secret, basic, encodeURIComponent(secret), encodeURIComponent(basic), 'w/rd', 'w%2Frd']) expect(text, spelling).not.toContain(form);
    }
  });

  it('scrubs the token a person pasted with a "Bearer " prefix and spaces around it', () => {
    expect(scrub({ secret: '  Bearer eyJ.abc.def \n' }, 'bad token eyJ.abc.def')).toBe('bad token [redacted]');
  });

  it('replaces the longest spelling whole and leaves other text as it was', () => {
    expect(scrub({ keyId: 'K', secret: 'ab' }, `Basic ${Buffer.from('K:ab').toString('base64')} and ab, but not a b`)).toBe('Basic [redacted] and [redacted], but not a b');
  });

  it('leaves text alone when there is nothing to hide', () => {
    expect(createRedactor([])('anything')).toBe('anything');
    expect(secretForms({ secret: '' })).toEqual([]);
  });
});
