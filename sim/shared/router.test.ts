import { describe, expect, it } from 'vitest';
import { Router } from './router';

const router = new Router<string>()
  .add('GET', '/v1/accounts/:id', 'account')
  .add('DELETE', '/v1/accounts/:id/positions/:symbol', 'close');

describe('Router', () => {
  it('matches a pattern and decodes its params', () => {
    expect(router.lookup('DELETE', '/v1/accounts/abc/positions/BRK%2EB')).toEqual({
      kind: 'found',
      match: { handler: 'close', params: { id: 'abc', symbol: 'BRK.B' } },
    });
  });

  it('tells a wrong method apart from an unknown path', () => {
    expect(router.lookup('POST', '/v1/accounts/abc').kind).toBe('method-not-allowed');
    expect(router.lookup('GET', '/v1/accounts/abc/extra').kind).toBe('not-found');
  });

  it('treats a malformed escape as no match instead of throwing', () => {
    expect(router.lookup('GET', '/v1/accounts/%E0%A4%A').kind).toBe('not-found');
  });
});
