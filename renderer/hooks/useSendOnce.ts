import { useCallback, useRef } from 'react';

/**
 * A latch for a confirm button. State updates land a render later, so a double click or a held Enter can fire twice
 * before `disabled` takes effect; a ref flips synchronously and the second claim fails.
 */
export function useSendOnce(): { claim(): boolean; release(): void } {
  const sent = useRef(false);
  const claim = useCallback(() => {
    if (sent.current) return false;
    sent.current = true;
    return true;
  }, []);
  const release = useCallback(() => {
    sent.current = false;
  }, []);
  return { claim, release };
}
