/** A price read longer ago than this is marked stale, and a close cannot be confirmed on it. */
export const STALE_QUOTE_MS = 30_000;

/** Stale when older than the threshold, or never read at all (dataUpdatedAt 0). */
export function isQuoteStale(updatedAt: number, now: number): boolean {
  return updatedAt <= 0 || now - updatedAt > STALE_QUOTE_MS;
}

export interface QuoteGate {
  stale: boolean;
  /** Whether Confirm may be pressed on the prices on screen. */
  confirmAllowed: boolean;
}

/**
 * Whether a confirm may go out on these prices. A stale quote blocks it, and once a dialog has shown one the person
 * owes a refresh: a poll that happens to land meanwhile is not enough, they must ask for fresh prices and see them.
 */
export function quoteGate(updatedAt: number, now: number, refreshOwed: boolean): QuoteGate {
  const stale = isQuoteStale(updatedAt, now);
  return { stale, confirmAllowed: !stale && !refreshOwed };
}

/** Whether the refresh the person asked for paid the debt: it succeeded and brought prices that are fresh now. */
export function refreshSettlesQuote(result: { isSuccess: boolean; dataUpdatedAt: number }, now: number): boolean {
  return result.isSuccess && !isQuoteStale(result.dataUpdatedAt, now);
}
