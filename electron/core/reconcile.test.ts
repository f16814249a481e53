import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { IDS } from '../../sim/alpaca/testSupport';
import type { ActionReceipt } from '../../shared/actions';
import { SIM_CONNECTION, startAlpacaSimService, type AlpacaSimService } from './alpacaSimService.testkit';
import type { Dispatch } from './handlers';
import type { Verdict } from './reconcile';

let service: AlpacaSimService;
let sim: AlpacaSimService['sim'];
let dispatch: Dispatch;
let pushed: ActionReceipt[];
let settled: Promise<Verdict>;

const target = { connection: SIM_CONNECTION, accountId: IDS.trader };
const closeRequests = () => sim.requests.filter((r) => r.method === 'DELETE' && r.path.includes('/positions/'));

beforeEach(async () => {
  service = await startAlpacaSimService();
  ({ sim, dispatch, pushed, settled } = service);
});

afterEach(async () => {
  await service.close();
});

describe('an unknown outcome', () => {
  it('ends unknown when the broker hangs after closing, then settles as closed by reading, without a second close', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown', outcome: 'unknown', actionId: expect.any(String) } });
    const verdict = await settled;
    expect(verdict).toMatchObject({ state: 'filled', resolution: 'happened' });
    expect(pushed).toEqual([expect.objectContaining({ kind: 'close_position', state: 'filled', actionId: answer.ok ? '' : answer.error.actionId })]);
    expect(sim.state.positionOf(IDS.trader, 'AAPL')).toBeUndefined();
    expect(closeRequests()).toHaveLength(1);
  });

  it('settles as not closed when the broker hung before doing anything', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '4' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    sim.faults.reset();
    const verdict = await settled;
    expect(verdict).toMatchObject({ state: 'rejected', resolution: 'did_not_happen' });
    expect(verdict.message).toMatch(/AAPL is still open with 10 shares/);
    expect(closeRequests()).toHaveLength(1);
  });

  it('does not close again after a 500 from a broker that did execute the close', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE' } };
    const answer = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'quantity', quantity: '4' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    sim.faults.reset();
    expect(await settled).toMatchObject({ state: 'filled', resolution: 'happened', message: 'The close did happen: 6 shares of AAPL remain open.' });
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('6');
    expect(closeRequests()).toHaveLength(1);
  });

  it('keeps refusing a second close of the same position until the first is settled', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    const second = await dispatch('position:close', { ...target, positionId: 'AAPL', amount: { kind: 'all' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'in_flight' } });
    await settled;
    expect(closeRequests()).toHaveLength(1);
  });
});
