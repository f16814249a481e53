import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from './bootstrap';
import type { AccountsPage } from '../shared/contract';
import { demoData } from '../sim/alpaca/demoData';
import { withManyAccounts } from '../sim/alpaca/manyAccounts';
import { startAlpacaSim } from '../sim/alpaca/server';
import { createMemoryVault } from './core/credentials/memoryVault';
import { createMemoryAuditKeys } from './core/credentials/auditKeyStore';

let core: AppCore | undefined;

afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('the app core in demo mode', () => {
  it('offers a ready demo connection with several accounts and dozens of positions, long and short, fractional and whole', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-demo-'));
    core = await startAppCore({ dataDir, version: 'test', demo: true, vault: createMemoryVault(), auditKeys: createMemoryAuditKeys() });

    const connections = await core.handlers['connections:list']({});
    expect(connections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Alpaca demo', broker: 'alpaca', demo: true }),
        expect.objectContaining({ name: 'Clear Street demo', broker: 'clearstreet', demo: true }),
        expect.objectContaining({ name: 'Exness demo', broker: 'exness', demo: true }),
        expect.objectContaining({ name: 'ScaleTrade demo', broker: 'scaletrade', demo: true }),
      ]),
    );

    const accounts = await core.handlers['accounts:list']({ connection: 'Alpaca demo' });
    expect(accounts.length).toBeGreaterThanOrEqual(5);
    expect(new Set(accounts.map((a) => a.statusTone))).toEqual(new Set(['active', 'restricted', 'closed']));

    const busiest = accounts[0]!;
    const positions = await core.handlers['positions:list']({ connection: 'Alpaca demo', accountId: busiest.id });
    expect(positions.length).toBeGreaterThanOrEqual(24);
    expect(positions.some((p) => p.side === 'short')).toBe(true);
    expect(positions.some((p) => p.side === 'long')).toBe(true);
    expect(positions.some((p) => p.fractional)).toBe(true);
    expect(positions.some((p) => !p.fractional)).toBe(true);

    const orders = await core.handlers['orders:list']({ connection: 'Alpaca demo', accountId: busiest.id });
    expect(orders.some((o) => o.open)).toBe(true);
  });

  it('shows every demo broker with open positions, whatever its shape', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-demo-'));
    core = await startAppCore({ dataDir, version: 'test', demo: true, vault: createMemoryVault(), auditKeys: createMemoryAuditKeys() });
    for (const connection of await core.handlers['connections:list']({})) {
      const accounts = await core.handlers['accounts:list']({ connection: connection.name });
      const account = accounts.find((a) => a.statusTone === 'active');
      const positions = await core.handlers['positions:list']({ connection: connection.name, accountId: account!.id });
      expect(positions.length, connection.name).toBeGreaterThanOrEqual(10);
    }
  });

  it('finds accounts by name through the broker search', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-demo-'));
    core = await startAppCore({ dataDir, version: 'test', demo: true, vault: createMemoryVault(), auditKeys: createMemoryAuditKeys() });
    const all = await core.handlers['accounts:list']({ connection: 'Alpaca demo' });
    const target = all[1]!;
    const found = await core.handlers['accounts:list']({ connection: 'Alpaca demo', search: target.name.split(' ')[0]! });
    expect(found.map((a) => a.id)).toContain(target.id);
    expect(found.length).toBeLessThan(all.length);
  });

  it('pushes a long account list page by page under the stream id while it reads, and answers how many in all', async () => {
    const sim = await startAlpacaSim({ data: withManyAccounts(demoData(), 2100) });
    try {
      const pages: AccountsPage[] = [];
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-core-'));
      core = await startAppCore({
        dataDir,
        version: 'test',
        demo: false,
        vault: createMemoryVault(),
        auditKeys: createMemoryAuditKeys(),
        emit: (event, payload) => {
          if (event === 'accounts:page') pages.push(payload as AccountsPage);
        },
      });
      await core.dispatch('connections:add', { name: 'Many', broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
      const answer = await core.dispatch('accounts:stream', { connection: 'Many', streamId: 'picker-1' });
      expect(answer).toEqual({ ok: true, data: { count: 2100 } });
      expect(pages.map((page) => [page.streamId, page.connection, page.accounts.length, page.loaded])).toEqual([
        ['picker-1', 'Many', 1000, 1000],
        ['picker-1', 'Many', 999, 1999],
        ['picker-1', 'Many', 101, 2100],
      ]);
      expect(pages.at(-1)?.accounts.at(-1)?.number).toBe('900002100');
      const limited = await core.handlers['accounts:list']({ connection: 'Many', maxAccounts: 1001 });
      expect(limited).toHaveLength(1001);
    } finally {
      await sim.close();
    }
  });

  it('writes a connection secret to no file in the data folder, whatever the actions do', async () => {
    const sim = await startAlpacaSim({ fillDelayMs: 0, keyId: 'AKTEST', secret: 'sim-secret-9f2c7d' });
    try {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-core-'));
      core = await startAppCore({ dataDir, version: 'test', demo: false, vault: createMemoryVault(), auditKeys: createMemoryAuditKeys() });
      await core.dispatch('connections:add', { name: 'Sim', broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
      const [account] = await core.handlers['accounts:list']({ connection: 'Sim' });
      const [position] = await core.handlers['positions:list']({ connection: 'Sim', accountId: account!.id });
      const answers = [
        await core.dispatch('position:close', { connection: 'Sim', accountId: account!.id, positionId: position!.id, amount: { kind: 'all' } }),
        await core.dispatch('position:close', { connection: 'Sim', accountId: account!.id, positionId: 'NOPE', amount: { kind: 'all' } }),
      ];
      expect(answers.map((a) => a.ok)).toEqual([true, false]);
      const files = await readdir(dataDir);
      expect(files.filter((name) => !name.endsWith('-wal') && !name.endsWith('-shm')).sort()).toEqual(['closeout.db', 'connections.json']);
      // The position's lease is gone once the actions ended.
      expect(core.stores.journal.db.prepare('SELECT count(*) AS n FROM leases').get()).toEqual({ n: 0 });
      for (const file of files) expect(await readFile(path.join(dataDir, file), 'utf8')).not.toContain(sim.secret);
      expect(JSON.stringify(answers)).not.toContain(sim.secret);
    } finally {
      await sim.close();
    }
  });
});
