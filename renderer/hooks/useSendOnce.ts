import { useCallback, useRef } from 'react';
import type { AppError } from '../../shared/errors';

/**
 * A latch for a confirm button. State updates land a render later, so a double click or a held Enter can fire twice
 * before `disabled` takes effect; a ref flips synchronously and the second claim fails.
 */
export function useSendOnce(): {
  claim(): boolean;
  release(): void;
  releaseIfUnsent(error: AppError): boolean;
  reopenForRetry(earlierActionId: string): boolean;
} {
  const sent = useRef(false);
  const retried = useRef(new Set<string>());
  const claim = useCallback(() => {
    if (sent.current) return false;
    sent.current = true;
    return true;
  }, []);
  const release = useCallback(() => {
    sent.current = false;
  }, []);
  // Only a request that certainly did not take effect may be sent again from the same dialog.
  const releaseIfUnsent = useCallback((error: AppError) => {
    const unsent = error.outcome === 'not_sent' || error.outcome === 'rejected';
    if (unsent) sent.current = false;
    return unsent;
  }, []);
  // An earlier action that certainly did not happen may be sent again once, as a deliberate retry; a second click
  // before the retry's pending state renders finds it reopened already and the claim fails.
  const reopenForRetry = useCallback((earlierActionId: string) => {
    if (retried.current.has(earlierActionId)) return false;
    retried.current.add(earlierActionId);
    sent.current = false;
    return true;
  }, []);
  return { claim, release, releaseIfUnsent, reopenForRetry };
}
