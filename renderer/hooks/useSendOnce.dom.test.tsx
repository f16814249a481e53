import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { useSendOnce } from './useSendOnce';

describe('useSendOnce', () => {
  it('lets only the first of two claims in the same render through', () => {
    const { result } = renderHook(() => useSendOnce());
    expect(result.current.claim()).toBe(true);
    expect(result.current.claim()).toBe(false);
  });

  it('reopens only for a request that certainly did not take effect', () => {
    const { result } = renderHook(() => useSendOnce());
    result.current.claim();
    expect(result.current.releaseIfUnsent(new AppError({ code: 'outcome_unknown', message: 'no answer', outcome: 'unknown' }))).toBe(false);
    expect(result.current.claim()).toBe(false);
    expect(result.current.releaseIfUnsent(new AppError({ code: 'network', message: 'refused', outcome: 'not_sent' }))).toBe(true);
    expect(result.current.claim()).toBe(true);
  });

  it('reopens for a retry of one earlier action once, so a double click retries once', () => {
    const { result } = renderHook(() => useSendOnce());
    result.current.claim();
    expect(result.current.reopenForRetry('action-1')).toBe(true);
    expect(result.current.claim()).toBe(true);
    expect(result.current.reopenForRetry('action-1')).toBe(false);
    expect(result.current.claim()).toBe(false);
  });
});
