import { describe, expect, it } from 'vitest';
import { shortId } from './shortId';

describe('shortId', () => {
  it('keeps tickets and short order numbers whole', () => {
    expect(shortId('1001')).toBe('1001');
    expect(shortId('51200150')).toBe('51200150');
  });

  it('shows longer ids by their last six characters', () => {
    expect(shortId('5d78157b-d027-43e9-8153-606ba2d69f43')).toBe('…d69f43');
    expect(shortId('ord_1234567890abcdef')).toBe('…abcdef');
  });
});
