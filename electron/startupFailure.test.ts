import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { reportStartupFailure, STARTUP_FAILURE_TITLE } from './startupFailure';

function recorder() {
  const seen: { logged: string[]; boxes: Array<[string, string]>; exitCodes: number[] } = { logged: [], boxes: [], exitCodes: [] };
  const deps = {
    log: (message: string) => seen.logged.push(message),
    showErrorBox: (title: string, content: string) => seen.boxes.push([title, content]),
    exit: (code: number) => seen.exitCodes.push(code),
  };
  return { seen, deps };
}

describe('a core that fails to start', () => {
  it('is logged, shown in a dialog with its reason, and ends the app with exit code 1', () => {
    const { seen, deps } = recorder();
    reportStartupFailure(new AppError({ code: 'storage_unavailable', message: 'The journal closeout.db cannot be written: the disk is full.' }), deps);
    expect(seen.logged).toEqual([`${STARTUP_FAILURE_TITLE}: The journal closeout.db cannot be written: the disk is full.`]);
    expect(seen.boxes).toHaveLength(1);
    expect(seen.boxes[0]?.[0]).toBe(STARTUP_FAILURE_TITLE);
    expect(seen.boxes[0]?.[1]).toMatch(/^The journal closeout\.db cannot be written: the disk is full\.\n\nNothing was sent/);
    expect(seen.exitCodes).toEqual([1]);
  });

  it('still explains itself when what was thrown is not an Error', () => {
    const { seen, deps } = recorder();
    reportStartupFailure('boom', deps);
    expect(seen.logged).toEqual([`${STARTUP_FAILURE_TITLE}: an unexpected failure with no message`]);
    expect(seen.exitCodes).toEqual([1]);
  });
});
