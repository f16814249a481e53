import { describe, expect, it } from 'vitest';
import type { WindDownPlan, WindDownProgress, WindDownReport, WindDownRunSummary } from '../../shared/windDown';
import { startSimCore } from './windDown/simCore.testkit';

const FLAT = { id: '5b0f3c1e-6a2d-4b7e-9c1f-2a3b4c5d6e71', number: 'FLAT0001', cash: '0' };
const HOLDING = { id: '6c1a4d2f-7b3e-4c8f-8d2a-3b4c5d6e7f82', number: 'HOLD0001', cash: '0', positions: [{ symbol: 'AAPL', qty: '3', avg_entry_price: '150' }] };

describe('account wind-down over IPC', () => {
  it('prepares a plan without sending anything, refuses a wrong confirmation count, then runs it', async () => {
    const env = await startSimCore([FLAT, HOLDING], { fillDelayMs: 0 });
    try {
      const before = env.sim.requests.length;
      const prepared = await env.core.dispatch('windDown:prepare', { connection: 'sim', accounts: [FLAT.number, HOLDING.id] });
      if (!prepared.ok) throw new Error(prepared.error.message);
      const plan = prepared.data as WindDownPlan;
      expect(plan.accounts.map((a) => a.disposition)).toEqual(['run', 'run']);
      expect(env.sim.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);

      expect(await env.core.dispatch('windDown:run', { runId: plan.runId, confirmCount: 1 })).toMatchObject({
        ok: false, error: { code: 'validation', field: 'confirmCount', message: 'confirmCount must be 2, the number of accounts the plan acts on' },
      });
      expect(await env.core.dispatch('windDown:run', { runId: 'never-prepared', confirmCount: 2 })).toMatchObject({ ok: false, error: { field: 'runId' } });
      expect(env.sim.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);

      const ran = await env.core.dispatch('windDown:run', { runId: plan.runId, confirmCount: 2 });
      if (!ran.ok) throw new Error(ran.error.message);
      const report = ran.data as WindDownReport;
      // Selling AAPL leaves proceeds that settle the next business day: that account is parked, waiting for them.
      expect(report.accounts.map((a) => [a.number, a.status, a.closed])).toEqual([['FLAT0001', 'done', true], ['HOLD0001', 'parked', false]]);
      expect(report.accounts[1]?.reason).toMatch(/has not settled yet/);
      expect(env.sim.state.getAccount(FLAT.id)?.status).toBe('ACCOUNT_CLOSED');
      expect(env.sim.state.getAccount(HOLDING.id)?.status).toBe('ACTIVE');
      expect(env.sim.state.positionsOf(HOLDING.id)).toEqual([]);

      // The run and its report stay listed after the run's answer is gone, and Resume prepares it again.
      const runs = await env.core.dispatch('windDown:runs', {});
      expect(runs).toMatchObject({ ok: true, data: [{ runId: plan.runId, status: 'parked', accountCount: 2, report: { runId: plan.runId, status: 'parked' } }] });
      expect(runs.ok && (runs.data as WindDownRunSummary[])[0]?.waitingFor).toEqual([expect.stringMatching(/^HOLD0001 \(.*\): wait for settlement: 600\.00 USD of sale proceeds/)]);
      const resumed = await env.core.dispatch('windDown:resume', { runId: plan.runId });
      expect(resumed).toMatchObject({ ok: true, data: { runId: plan.runId, resumed: true } });
      expect((resumed.ok ? (resumed.data as WindDownPlan) : null)?.accounts.map((a) => a.alreadyDone)).toEqual([true, false]);
    } finally {
      await env.close();
    }
  });

  it('pushes each step as it starts and ends', async () => {
    const progress: WindDownProgress[] = [];
    const env = await startSimCore([FLAT], { fillDelayMs: 0 });
    try {
      const { startAppCore } = await import('../bootstrap');
      const core = await startAppCore({
        dataDir: env.dataDir, version: 'test', demo: false, vault: (await import('./credentials/memoryVault')).createMemoryVault(),
        auditKeys: (await import('./credentials/auditKeyStore')).createMemoryAuditKeys(),
        emit: (event, payload) => { if (event === 'windDown:progress') progress.push(payload as WindDownProgress); },
      });
      await core.dispatch('connections:add', { name: 'Sim2', broker: 'alpaca', baseUrl: env.sim.url, keyId: env.sim.keyId, secret: env.sim.secret });
      const prepared = await core.dispatch('windDown:prepare', { connection: 'Sim2', accounts: [FLAT.id] });
      if (!prepared.ok) throw new Error(prepared.error.message);
      const ran = await core.dispatch('windDown:run', { runId: (prepared.data as WindDownPlan).runId, confirmCount: 1 });
      expect(ran.ok).toBe(true);
      expect(progress.some((p) => p.step === 'close_account' && p.state === 'running')).toBe(true);
      expect(progress.at(-1)).toMatchObject({ step: 'close_account', state: 'done', accountIndex: 0, accountCount: 1 });
      await core.close();
    } finally {
      await env.close();
    }
  });
});
