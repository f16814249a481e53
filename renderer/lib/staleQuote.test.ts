import { describe, expect, it } from 'vitest';
import { isQuoteStale, quoteGate, refreshSettlesQuote, STALE_QUOTE_MS } from './staleQuote';

const READ_AT = 1_000_000;

describe('isQuoteStale', () => {
  it('is fresh up to the threshold and stale just after it', () => {
    expect(isQuoteStale(READ_AT, READ_AT + STALE_QUOTE_MS)).toBe(false);
    expect(isQuoteStale(READ_AT, READ_AT + STALE_QUOTE_MS + 1)).toBe(true);
  });

  it('treats prices that were never read as stale', () => {
    expect(isQuoteStale(0, READ_AT)).toBe(true);
  });
});

describe('quoteGate', () => {
  it('allows confirming on a fresh quote when no refresh is owed', () => {
    expect(quoteGate(READ_AT, READ_AT + 4_000, false)).toEqual({ stale: false, confirmAllowed: true });
  });

  it('blocks confirming on a stale quote', () => {
    expect(quoteGate(READ_AT, READ_AT + STALE_QUOTE_MS + 1, false)).toEqual({ stale: true, confirmAllowed: false });
  });

  it('keeps blocking after the prices turned fresh on their own while a refresh is owed', () => {
    expect(quoteGate(READ_AT, READ_AT + 1_000, true)).toEqual({ stale: false, confirmAllowed: false });
  });
});

describe('refreshSettlesQuote', () => {
  it('is paid by a successful refresh that brought fresh prices', () => {
    expect(refreshSettlesQuote({ isSuccess: true, dataUpdatedAt: READ_AT }, READ_AT + 200)).toBe(true);
  });

  it('is not paid by a failed refresh, nor by one that left old prices', () => {
    expect(refreshSettlesQuote({ isSuccess: false, dataUpdatedAt: READ_AT }, READ_AT + 200)).toBe(false);
    expect(refreshSettlesQuote({ isSuccess: true, dataUpdatedAt: READ_AT }, READ_AT + STALE_QUOTE_MS + 1)).toBe(false);
  });
});
