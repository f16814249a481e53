import { describe, expect, it } from 'vitest';
import { plainKey, shiftedLetter } from './shortcuts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcut keys', () => {
  it('reads a bare letter in either case as its lower-case shortcut', () => {
    expect(plainKey(press('c'))).toBe('c');
    expect(plainKey(press('X'))).toBe('x');
  });

  it('never takes a key held with Ctrl, Cmd or Alt: Ctrl+C copies', () => {
    expect(plainKey(press('c', { ctrlKey: true }))).toBeNull();
    expect(plainKey(press('c', { metaKey: true }))).toBeNull();
    expect(plainKey(press('r', { altKey: true }))).toBeNull();
  });

  it('keeps Shift+letter apart from the letter, but lets Shift type "?"', () => {
    expect(plainKey(press('C', { shiftKey: true }))).toBeNull();
    expect(shiftedLetter(press('C', { shiftKey: true }))).toBe('C');
    expect(shiftedLetter(press('c'))).toBeNull();
    expect(plainKey(press('?', { shiftKey: true }))).toBe('?');
  });

  it('ignores named keys such as Enter and arrows', () => {
    expect(plainKey(press('Enter'))).toBeNull();
    expect(plainKey(press('ArrowDown'))).toBeNull();
  });
});
