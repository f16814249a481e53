import { useCallback, useEffect, useState } from 'react';
import { isQuoteStale, quoteGate, refreshSettlesQuote, type QuoteGate } from '../lib/staleQuote';

const TICK_MS = 1_000;

// Prices not read yet (0) block Confirm through the gate, but owe no refresh: the first read is fresh by definition.
const owesRefresh = (updatedAt: number, now: number) => updatedAt > 0 && isQuoteStale(updatedAt, now);

export interface QuoteGateState extends QuoteGate {
  /** The clock the gate was judged by, also for showing the quote's age. */
  now: number;
  refreshOwed: boolean;
  refreshing: boolean;
  refresh(): void;
}

/**
 * Watches the age of the prices a dialog shows. Once they have been stale while the dialog could still send, a
 * refresh is owed until the person presses "Refresh quote" and fresh prices arrive.
 */
export function useQuoteGate(updatedAt: number, refetch: () => Promise<{ isSuccess: boolean; dataUpdatedAt: number }>, active: boolean): QuoteGateState {
  const [now, setNow] = useState(() => Date.now());
  const [refreshOwed, setRefreshOwed] = useState(() => active && owesRefresh(updatedAt, Date.now()));
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (active && owesRefresh(updatedAt, at)) setRefreshOwed(true);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [updatedAt, active]);

  const refresh = useCallback(() => {
    setRefreshing(true);
    void refetch()
      .then((result) => {
        const at = Date.now();
        setNow(at);
        if (refreshSettlesQuote(result, at)) setRefreshOwed(false);
      })
      .finally(() => setRefreshing(false));
  }, [refetch]);

  return { ...quoteGate(updatedAt, now, refreshOwed), now, refreshOwed, refreshing, refresh };
}
