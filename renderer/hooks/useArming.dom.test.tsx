import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARM_DELAY_MS, useArming } from './useArming';

function Confirmation({ onConfirm }: { onConfirm: () => void }) {
  const armed = useArming();
  return (
    <div>
      <output>{armed ? 'armed' : 'waiting'}</output>
      <button type="button" data-confirm onClick={onConfirm}>
        Close
      </button>
      <button type="button">Cancel</button>
    </div>
  );
}

const confirmButton = () => screen.getByRole('button', { name: 'Close' });
const cancelButton = () => screen.getByRole('button', { name: 'Cancel' });
const waitOut = (ms: number) => {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
};
/** The fake clock paints a frame every 16 ms; the delay counts from the first one after the confirmation shows. */
const FRAME_MS = 16;
const paintFrame = () => waitOut(FRAME_MS);

describe('useArming', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('arms only once the confirmation has been in view for the whole delay, counted from its first frame', () => {
    render(<Confirmation onConfirm={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('waiting');
    waitOut(ARM_DELAY_MS);
    expect(screen.getByRole('status').textContent).toBe('waiting');
    paintFrame();
    expect(screen.getByRole('status').textContent).toBe('armed');
  });

  it('ignores a click on the confirm button before arming but lets Cancel work at once', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<Confirmation onConfirm={onConfirm} />);
    cancelButton().addEventListener('click', onCancel);
    fireEvent.pointerDown(confirmButton());
    fireEvent.click(confirmButton(), { detail: 1 });
    fireEvent.click(cancelButton(), { detail: 1 });
    expect(onConfirm).not.toHaveBeenCalled();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('ignores a click whose button went down before arming even when it is released after', () => {
    const onConfirm = vi.fn();
    render(<Confirmation onConfirm={onConfirm} />);
    fireEvent.pointerDown(confirmButton());
    paintFrame();
    waitOut(ARM_DELAY_MS);
    fireEvent.click(confirmButton(), { detail: 1 });
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('confirms on a fresh click once armed', () => {
    const onConfirm = vi.fn();
    render(<Confirmation onConfirm={onConfirm} />);
    paintFrame();
    waitOut(ARM_DELAY_MS);
    fireEvent.pointerDown(confirmButton());
    fireEvent.click(confirmButton(), { detail: 1 });
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('blocks an Enter held from before arming, and its auto-repeat after, but not a fresh Enter', () => {
    render(<Confirmation onConfirm={() => {}} />);
    const early = fireEvent.keyDown(confirmButton(), { key: 'Enter' });
    expect(early).toBe(false);
    paintFrame();
    waitOut(ARM_DELAY_MS);
    // Still down: a second keydown with no keyup between is the key repeating, by flag or not.
    expect(fireEvent.keyDown(confirmButton(), { key: 'Enter' })).toBe(false);
    expect(fireEvent.keyDown(confirmButton(), { key: 'Enter', repeat: true })).toBe(false);
    fireEvent.keyUp(confirmButton(), { key: 'Enter' });
    expect(fireEvent.keyDown(confirmButton(), { key: 'Enter' })).toBe(true);
  });

  it('lets a fresh Enter or Space press Cancel at once, but never the confirm button or a field before arming', () => {
    render(
      <>
        <Confirmation onConfirm={() => {}} />
        <input aria-label="Count" />
      </>,
    );
    expect(fireEvent.keyDown(cancelButton(), { key: 'Enter' })).toBe(true);
    fireEvent.keyUp(cancelButton(), { key: 'Enter' });
    expect(fireEvent.keyDown(cancelButton(), { key: ' ' })).toBe(true);
    expect(fireEvent.keyUp(cancelButton(), { key: ' ' })).toBe(true);
    expect(fireEvent.keyDown(confirmButton(), { key: 'Enter' })).toBe(false);
    fireEvent.keyUp(confirmButton(), { key: 'Enter' });
    expect(fireEvent.keyDown(screen.getByRole('textbox', { name: 'Count' }), { key: 'Enter' })).toBe(false);
    fireEvent.keyUp(screen.getByRole('textbox', { name: 'Count' }), { key: 'Enter' });
    // Held on Cancel, the auto-repeat is still ignored.
    fireEvent.keyDown(cancelButton(), { key: 'Enter' });
    expect(fireEvent.keyDown(cancelButton(), { key: 'Enter', repeat: true })).toBe(false);
  });

  it('disarms while hidden and arms again only after the full delay back in view', () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    render(<Confirmation onConfirm={() => {}} />);
    paintFrame();
    waitOut(ARM_DELAY_MS);
    visibility.mockReturnValue('hidden');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(screen.getByRole('status').textContent).toBe('waiting');
    visibility.mockReturnValue('visible');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    waitOut(ARM_DELAY_MS);
    expect(screen.getByRole('status').textContent).toBe('waiting');
    paintFrame();
    expect(screen.getByRole('status').textContent).toBe('armed');
    visibility.mockRestore();
  });
});
