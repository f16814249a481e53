import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDebouncedValue } from './useDebouncedValue';

describe('useDebouncedValue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles on the last value only after typing pauses for the delay', () => {
    const { result, rerender } = renderHook(({ value }) => useDebouncedValue(value, 300), { initialProps: { value: 'E' } });
    rerender({ value: 'EU' });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    rerender({ value: 'EUR' });
    act(() => {
      vi.advanceTimersByTime(299);
    });
    expect(result.current).toBe('E');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe('EUR');
  });
});
