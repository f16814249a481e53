import { describe, expect, it } from 'vitest';
import { bodyValue, parseJsonBody, queryObject, redactedHeaders } from './http';

describe('redactedHeaders', () => {
  it('hides the authorization header and flattens repeated values', () => {
    expect(redactedHeaders({ authorization: 'Basic c2VjcmV0', accept: 'application/json', 'x-many': ['a', 'b'] })).toEqual({
      authorization: 'REDACTED',
      accept: 'application/json',
      'x-many': 'a, b',
    });
  });
});

describe('parseJsonBody', () => {
  it('parses JSON, keeps text that is not JSON, and reports an empty body as null', () => {
    expect(bodyValue(parseJsonBody('{"cancel_orders":true}'))).toEqual({ cancel_orders: true });
    expect(bodyValue(parseJsonBody('not json'))).toBe('not json');
    expect(bodyValue(parseJsonBody('  '))).toBeNull();
  });
});

describe('queryObject', () => {
  it('turns search params into a plain object', () => {
    expect(queryObject(new URLSearchParams('qty=1&percentage=2'))).toEqual({ qty: '1', percentage: '2' });
  });
});
