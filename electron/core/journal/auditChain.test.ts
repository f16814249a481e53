import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../../shared/audit';
import { createMemoryAuditKeys } from '../credentials/auditKeyStore';
import { chainHash, openAuditChain } from './auditChain';
import { openJournalStores } from '.';
import { tempJournal } from './journal.testkit';

const entry = (actionId: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actionId,
  phase: 'attempt',
  action: 'close_position',
  connection: 'desk',
  broker: 'alpaca',
  accountId: 'A1',
  params: { positionId: 'AAPL' },
  requestId: null,
  outcome: null,
  errorCode: null,
  message: null,
  ...overrides,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function journalWith(count: number) {
  const stores = await tempJournal();
  cleanups.push(stores.cleanup);
  for (let index = 1; index <= count; index += 1) await stores.audit.append(entry(`action-${index}`));
  return stores;
}

describe('the audit chain in the journal', () => {
  it('numbers records from 1 and chains each to the one before', async () => {
    const { audit } = await journalWith(3);
    const records = await audit.read();
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3]);
    expect(records[1]?.prevHash).toBe(records[0]?.hash);
    expect(await audit.verify()).toMatchObject({ ok: true, records: 3, head: { seq: 3, hash: records[2]?.hash }, macsChecked: true });
  });

  it('catches a record edited in place', async () => {
    const { audit, journal } = await journalWith(3);
    journal.db.prepare("UPDATE audit SET body = replace(body, 'AAPL', 'MSFT') WHERE seq = 2").run();
    expect(await audit.verify()).toMatchObject({ ok: false, records: 1, firstBad: { seq: 2, reason: expect.stringMatching(/edited/) } });
  });

  it('catches a rewrite that recomputes every hash, because the HMACs need the keychain key', async () => {
    const { audit, journal } = await journalWith(3);
    const rows = journal.db.prepare<[], { seq: number; body: string }>('SELECT seq, body FROM audit ORDER BY seq').all();
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const body = row.body.replace('AAPL', 'TSLA');
      const hash = chainHash(prev, body);
      journal.db.prepare('UPDATE audit SET body = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(body, prev, hash, row.seq);
      prev = hash;
    }
    expect(await audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 1, reason: expect.stringMatching(/HMAC/) } });
  });

  it('catches records removed from the end', async () => {
    const { audit, journal } = await journalWith(4);
    journal.db.prepare('DELETE FROM audit WHERE seq > 2').run();
    expect(await audit.verify()).toMatchObject({ ok: false, firstBad: { reason: expect.stringMatching(/reached record 4 \(records removed from the end\)/) } });
  });

  it('catches a record removed from the middle', async () => {
    const { audit, journal } = await journalWith(4);
    journal.db.prepare('DELETE FROM audit WHERE seq = 2').run();
    expect(await audit.verify()).toMatchObject({ ok: false, records: 1, firstBad: { seq: 2, reason: expect.stringMatching(/missing/) } });
  });

  it('catches a forged record appended without the key', async () => {
    const { audit, journal } = await journalWith(2);
    const head = await audit.head();
    const body = JSON.stringify({ seq: 3, time: new Date().toISOString(), user: 'mallory', ...entry('forged') });
    const hash = chainHash(head?.hash ?? '', body);
    journal.db
      .prepare("INSERT INTO audit (seq, body, prev_hash, hash, mac, key_id, action_id, action) VALUES (3, ?, ?, ?, 'f00d', (SELECT key_id FROM audit WHERE seq = 1), 'forged', 'close_position')")
      .run(body, head?.hash, hash);
    expect(await audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 3, reason: expect.stringMatching(/HMAC/) } });
  });

  it('holds a head noted earlier, and catches a rewrite back to it once the trail has grown', async () => {
    const { audit, journal } = await journalWith(3);
    const noted = await audit.head();
    if (!noted) throw new Error('no head');
    await audit.append(entry('action-4'));
    expect(await audit.verify({ expectHead: noted })).toMatchObject({ ok: true, records: 4, expectedHead: noted });
    journal.db.prepare("UPDATE audit SET hash = 'aa' || substr(hash, 3) WHERE seq = 3").run();
    expect(await audit.verify({ expectHead: noted })).toMatchObject({ ok: false, firstBad: { seq: 3 } });
  });

  it('catches the noted head gone after the trail was cut back to before it', async () => {
    const { audit, journal } = await journalWith(3);
    const noted = await audit.head();
    if (!noted) throw new Error('no head');
    journal.db.prepare('DELETE FROM audit WHERE seq = 3').run();
    journal.db.prepare("DELETE FROM meta WHERE key = 'audit_head'").run();
    const result = await audit.verify({ expectHead: noted });
    expect(result.ok).toBe(false);
  });

  it('keeps one chain when two connections to the same journal append in turns', async () => {
    const { audit, dataDir } = await journalWith(1);
    const second = openJournalStores(dataDir, createMemoryAuditKeys());
    cleanups.push(async () => second.journal.close());
    await Promise.all([audit.append(entry('a')), second.audit.append(entry('b')), audit.append(entry('c')), second.audit.append(entry('d'))]);
    expect(await second.audit.verify()).toMatchObject({ ok: true, records: 5 });
  });

  it('lists the newest records first, filtered in the journal', async () => {
    const { audit } = await journalWith(0);
    await audit.append(entry('x', { accountId: 'A1' }));
    await audit.append(entry('y', { accountId: 'B2' }));
    await audit.append(entry('z', { accountId: 'A1', phase: 'outcome', outcome: 'filled' }));
    expect((await audit.readNewest(10, { accountId: 'A1' })).map((record) => record.actionId)).toEqual(['z', 'x']);
    expect((await audit.readNewest(10, { outcome: 'filled' })).map((record) => record.actionId)).toEqual(['z']);
    expect(await audit.readNewest(1)).toHaveLength(1);
  });

  it('exports JSON lines whose hashes anyone can recompute from the bodies', async () => {
    const { audit, dataDir } = await journalWith(3);
    const file = path.join(dataDir, 'export.jsonl');
    expect(await audit.exportTo(file)).toMatchObject({ records: 3, head: { seq: 3 } });
    let prev = '0'.repeat(64);
    for (const line of (await readFile(file, 'utf8')).trimEnd().split('\n')) {
      const record = JSON.parse(line) as { seq: number; prevHash: string; hash: string; body: string };
      expect(record.prevHash).toBe(prev);
      expect(chainHash(record.prevHash, record.body)).toBe(record.hash);
      prev = record.hash;
    }
    await expect(audit.exportTo(file)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('uses one key per journal even when two processes create it at once', async () => {
    const { dataDir, journal } = await journalWith(0);
    const keys = createMemoryAuditKeys();
    const first = openAuditChain(journal, keys);
    const secondStores = openJournalStores(dataDir, keys);
    cleanups.push(async () => secondStores.journal.close());
    await Promise.all([first.ready(), secondStores.audit.ready()]);
    await first.append(entry('one'));
    await secondStores.audit.append(entry('two'));
    expect(await first.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('refuses to extend the trail when its key is missing from the keychain, naming the key', async () => {
    const { dataDir } = await journalWith(1);
    const empty = { get: async () => null, set: async () => undefined, delete: async () => false };
    const stranger = openJournalStores(dataDir, empty);
    cleanups.push(async () => stranger.journal.close());
    await expect(stranger.audit.append(entry('x'))).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/is not in this computer's keychain/) });
  });
});
