import { describe, expect, it } from 'vitest';
import { runWindDownMutation } from './windDown';

describe('runWindDownMutation', () => {
  it('re-reads the connection, the audit trail and the list of runs however the run ends', async () => {
    const invalidated: unknown[] = [];
    const options = runWindDownMutation({ invalidateQueries: async (filters?: { queryKey?: unknown }) => void invalidated.push(filters?.queryKey) }, 'Alpaca');
    const onSettled = options.onSettled as (...args: unknown[]) => Promise<unknown>;
    await onSettled(undefined, new Error('failed'), { runId: 'run-1', confirmCount: 1 }, undefined, undefined);
    expect(invalidated).toEqual([['connections', 'one', 'Alpaca'], ['audit'], ['windDown', 'runs']]);
  });
});
