import { describe, expect, it } from 'vitest';
import { nextActiveIndex } from './listNavigation';

describe('nextActiveIndex', () => {
  it('steps down and up by one and stops at the ends', () => {
    expect(nextActiveIndex('ArrowDown', 3, 10, 5)).toBe(4);
    expect(nextActiveIndex('ArrowDown', 9, 10, 5)).toBe(9);
    expect(nextActiveIndex('ArrowUp', 0, 10, 5)).toBe(0);
  });

  it('starts at the first item going down and the last going up when nothing is active', () => {
    expect(nextActiveIndex('ArrowDown', null, 10, 5)).toBe(0);
    expect(nextActiveIndex('ArrowUp', null, 10, 5)).toBe(9);
  });

  it('moves a page at a time and jumps to either end', () => {
    expect(nextActiveIndex('PageDown', 2, 10, 5)).toBe(7);
    expect(nextActiveIndex('PageUp', 2, 10, 5)).toBe(0);
    expect(nextActiveIndex('Home', 6, 10, 5)).toBe(0);
    expect(nextActiveIndex('End', 1, 10, 5)).toBe(9);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextActiveIndex('Enter', 2, 10, 5)).toBeNull();
    expect(nextActiveIndex('ArrowDown', null, 0, 5)).toBeNull();
  });
});
