import { describe, expect, it } from 'vitest';
import type { ActionReceipt } from '../../shared/actions';
import { CommandFailure, type CommandResult } from './context';
import { EXIT } from './exitCodes';
import { createSettlementWatch, settleUnknown, unknownActionId } from './settle';

function verdict(state: ActionReceipt['state'], message: string): ActionReceipt {
  return { actionId: 'act-1', kind: 'close_position', state, message, requestId: null, order: null };
}

const timedOut = new CommandFailure({ code: 'outcome_unknown', outcome: 'unknown', retryable: false, actionId: 'act-1', message: 'No answer from Alpaca within 400 ms.' });

function sink(): NodeJS.WritableStream & { text: string } {
  const stream = { text: '', write(chunk: string) { stream.text += chunk; return true; } };
  return stream as unknown as NodeJS.WritableStream & { text: string };
}

describe('the settlement watch', () => {
  it('hands over a verdict that arrived before anyone asked for it', async () => {
    const watch = createSettlementWatch();
    watch.emit('action:updated', verdict('filled', 'The close did happen.'));
    expect(await watch.verdictFor('act-1', 10)).toMatchObject({ state: 'filled' });
  });

  it('waits for a verdict still to come, ignores other pushes and gives up after the time allowed', async () => {
    const watch = createSettlementWatch();
    const waiting = watch.verdictFor('act-1', 1_000);
    watch.emit('action:progress', { actionId: 'act-1', connection: 'c', accountId: 'a', done: 1, total: 2 });
    watch.emit('action:updated', { ...verdict('filled', 'other'), actionId: 'act-2' });
    watch.emit('action:updated', verdict('rejected', 'The close did not happen.'));
    expect(await waiting).toMatchObject({ state: 'rejected' });
    expect(await watch.verdictFor('act-3', 5)).toBeNull();
  });
});

describe('settleUnknown', () => {
  it('turns a timed-out close into the verdict of reading the broker: exit 0 when it happened', async () => {
    const watch = createSettlementWatch();
    watch.emit('action:updated', verdict('filled', 'The close did happen: AAPL is no longer open.'));
    const progress = sink();
    const result = await settleUnknown(timedOut, watch, progress);
    expect(result.exitCode).toBe(EXIT.done);
    expect(result.human).toContain('Settled by reading the broker: The close did happen: AAPL is no longer open.');
    expect(progress.text).toContain('closeout: outcome unknown: No answer from Alpaca within 400 ms.');
  });

  it('exits 1 when reading shows it did not happen, and 3 when reading could not tell', async () => {
    for (const [state, exitCode] of [['rejected', EXIT.refused], ['unknown', EXIT.unknown]] as const) {
      const watch = createSettlementWatch();
      watch.emit('action:updated', verdict(state, 'read'));
      expect((await settleUnknown(timedOut, watch, sink())).exitCode).toBe(exitCode);
    }
  });

  it('keeps the unknown outcome when no verdict comes in time', async () => {
    const progress = sink();
    await expect(settleUnknown(timedOut, createSettlementWatch(), progress, 5)).rejects.toBe(timedOut);
    expect(progress.text).toContain('no verdict after 0.005 s of reading');
  });

  it('passes a known outcome through untouched', async () => {
    const done: CommandResult = { value: verdict('accepted', 'ok'), human: 'ok', exitCode: EXIT.done };
    expect(unknownActionId(done)).toBeNull();
    expect(await settleUnknown(done, createSettlementWatch(), sink())).toBe(done);
    const refused = new CommandFailure({ code: 'broker_rejected', outcome: 'rejected', retryable: false, message: 'no' });
    await expect(settleUnknown(refused, createSettlementWatch(), sink())).rejects.toBe(refused);
  });
});
