import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeForError, exitCodeForStates } from './exitCodes';

describe('exitCodeForError', () => {
  it('maps validation to bad usage', () => {
    expect(exitCodeForError({ code: 'validation', message: 'x', retryable: false })).toBe(EXIT.usage);
  });

  it('maps an unknown outcome to 3 whatever the code', () => {
    expect(exitCodeForError({ code: 'outcome_unknown', message: 'x', retryable: false })).toBe(EXIT.unknown);
    expect(exitCodeForError({ code: 'network', outcome: 'unknown', message: 'x', retryable: true })).toBe(EXIT.unknown);
  });

  it('maps refusals and failures to 1', () => {
    for (const code of ['credentials_refused', 'broker_rejected', 'not_found', 'precondition_failed', 'internal'] as const) {
      expect(exitCodeForError({ code, message: 'x', retryable: false })).toBe(EXIT.refused);
    }
  });
});

describe('exitCodeForStates', () => {
  it('is done when everything was accepted or filled', () => {
    expect(exitCodeForStates(['accepted', 'filled'])).toBe(EXIT.done);
  });

  it('is refused when any part was rejected, and unknown when any part may have happened', () => {
    expect(exitCodeForStates(['accepted', 'rejected'])).toBe(EXIT.refused);
    expect(exitCodeForStates(['rejected', 'unknown'])).toBe(EXIT.unknown);
  });
});
