import { describe, expect, it } from 'vitest';
import { neutralizeControls } from './controlCharacters';

describe('neutralizeControls', () => {
  it('turns every C0 and C1 control character and DEL into a space', () => {
    for (let code = 0; code <= 0x9f; code += 1) {
      if (code >= 0x20 && code < 0x7f) continue;
      expect(neutralizeControls(`a${String.fromCharCode(code)}b`), code.toString(16)).toBe('a b');
    }
  });

  it('turns bidirectional embeddings, overrides, isolates and marks into spaces', () => {
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
    for (const char of bidi) expect(neutralizeControls(`sell${char}10`), char.codePointAt(0)?.toString(16)).toBe('sell 10');
    expect(neutralizeControls('rejected: \u202eKCOLB\u202c ok')).toBe('rejected:  KCOLB  ok');
  });

  it('keeps ordinary text, non-Latin letters and right-to-left scripts as they are', () => {
    expect(neutralizeControls('Überweisung 株式 حساب ✓ a\u00a0b')).toBe('Überweisung 株式 حساب ✓ a\u00a0b');
  });
});
