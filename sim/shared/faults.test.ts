import { describe, expect, it } from 'vitest';
import { applyWithFaults, faultMatches, FaultKnobs } from './faults';

const target = { method: 'DELETE', path: '/v1/trading/accounts/x/positions/AAPL' };

describe('faultMatches', () => {
  it('matches everything without a match and narrows by method and path', () => {
    expect(faultMatches(undefined, target)).toBe(true);
    expect(faultMatches({ method: 'delete' }, target)).toBe(true);
    expect(faultMatches({ method: 'GET' }, target)).toBe(false);
    expect(faultMatches({ path: /positions\/AAPL$/ }, target)).toBe(true);
    expect(faultMatches({ path: /orders/ }, target)).toBe(false);
  });

  it('gives the same answer every time for a global regular expression', () => {
    const match = { path: /positions/g };
    expect([faultMatches(match, target), faultMatches(match, target), faultMatches(match, target)]).toEqual([true, true, true]);
  });
});

describe('echoCredentials', () => {
  it('echoes on the matching requests only, and reset turns it off', () => {
    const knobs = new FaultKnobs();
    expect(knobs.echoes(target)).toBe(false);
    knobs.echoCredentials = { match: { method: 'DELETE' } };
    expect(knobs.echoes(target)).toBe(true);
    expect(knobs.echoes({ ...target, method: 'GET' })).toBe(false);
    knobs.reset();
    expect(knobs.echoes(target)).toBe(false);
  });
});

describe('applyWithFaults', () => {
  it('applies and answers when no fault is set', async () => {
    let applied = 0;
    const result = await applyWithFaults(new FaultKnobs(), target, () => ++applied);
    expect(result).toEqual({ kind: 'answer', value: 1 });
  });

  it('fails before applying when the error roll hits, and hangs before or after applying as asked', async () => {
    const knobs = new FaultKnobs();
    let applied = 0;
    knobs.errorRate = 1;
    expect(await applyWithFaults(knobs, target, () => ++applied)).toEqual({ kind: 'fail', applied: false });
    knobs.reset();
    knobs.hang = { when: 'before-apply' };
    expect(await applyWithFaults(knobs, target, () => ++applied)).toEqual({ kind: 'hang', applied: false });
    knobs.hang = { when: 'after-apply' };
    expect(await applyWithFaults(knobs, target, () => ++applied)).toEqual({ kind: 'hang', applied: true });
    knobs.reset();
    knobs.failAfterApply = { match: { method: 'DELETE' } };
    expect(await applyWithFaults(knobs, target, () => ++applied)).toEqual({ kind: 'fail', applied: true });
    expect(applied).toBe(2);
  });

  it('fails about errorRate of the requests, the same ones for the same seed', () => {
    const rolls = (seed: number): boolean[] => {
      const knobs = new FaultKnobs(seed);
      knobs.errorRate = 0.3;
      return Array.from({ length: 1000 }, () => knobs.rollError());
    };
    const first = rolls(5);
    expect(rolls(5)).toEqual(first);
    const failures = first.filter(Boolean).length;
    expect(failures).toBeGreaterThan(240);
    expect(failures).toBeLessThan(360);
  });
});
