import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog, type AuditEntry } from './auditLog';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actionId: 'a1', phase: 'attempt', action: 'close_position', connection: 'demo', broker: 'alpaca', accountId: 'acct',
    params: { positionId: 'AAPL', amount: { kind: 'all' } }, requestId: null, outcome: null, errorCode: null, message: null, ...overrides,
  };
}

async function tempDir() {
  return mkdtemp(path.join(os.tmpdir(), 'closeout-audit-'));
}

describe('the audit log', () => {
  it('chains each record to the one before and verifies a log written by itself', async () => {
    const log = openAuditLog(await tempDir(), 'trader');
    const first = await log.append(entry());
    const second = await log.append(entry({ phase: 'outcome', outcome: 'accepted', requestId: 'req-1' }));
    expect(second.prevHash).toBe(first.hash);
    expect(second.seq).toBe(2);
    expect(second.user).toBe('trader');
    expect(await log.verify()).toEqual({ ok: true, records: 2, truncatedTail: false, recoveredFragments: 0 });
    expect((await log.read()).map((r) => r.phase)).toEqual(['attempt', 'outcome']);
  });

  it('keeps the order of appends made at the same time', async () => {
    const log = openAuditLog(await tempDir());
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(entry({ actionId: `a${i}` }))));
    expect((await log.read()).map((r) => r.actionId)).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    expect((await log.verify()).ok).toBe(true);
  });

  it('catches an edited record and names its line', async () => {
    const dir = await tempDir();
    const log = openAuditLog(dir);
    await log.append(entry());
    await log.append(entry({ params: { positionId: 'MSFT', amount: { kind: 'quantity', quantity: '5' } } }));
    await log.append(entry({ phase: 'outcome' }));
    const content = await readFile(log.filePath, 'utf8');
    await writeFile(log.filePath, content.replace('"quantity":"5"', '"quantity":"500"'));
    expect(await openAuditLog(dir).verify()).toMatchObject({ ok: false, firstBad: { line: 2, reason: expect.stringMatching(/edited/) } });
  });

  it('catches a removed record in the middle of the chain', async () => {
    const dir = await tempDir();
    const log = openAuditLog(dir);
    for (let i = 0; i < 3; i += 1) await log.append(entry({ actionId: `a${i}` }));
    const lines = (await readFile(log.filePath, 'utf8')).split('\n');
    await writeFile(log.filePath, [lines[0], lines[2], ''].join('\n'));
    expect(await openAuditLog(dir).verify()).toMatchObject({ ok: false, firstBad: { line: 2 } });
  });

  it('reports a partial last line from a crash and keeps appending safely after it', async () => {
    const dir = await tempDir();
    const log = openAuditLog(dir);
    await log.append(entry());
    await appendFile(log.filePath, '{"type":"record","seq":2,"ti');
    expect(await openAuditLog(dir).verify()).toEqual({ ok: true, records: 1, truncatedTail: true, recoveredFragments: 0 });

    const reopened = openAuditLog(dir);
    await reopened.append(entry({ actionId: 'after-crash' }));
    expect(await reopened.verify()).toEqual({ ok: true, records: 3, truncatedTail: false, recoveredFragments: 1 });
    expect((await reopened.read()).map((r) => r.actionId)).toEqual(['a1', 'after-crash']);
  });

  it('finishes a whole last record that lost only its newline before appending', async () => {
    const dir = await tempDir();
    const log = openAuditLog(dir);
    await log.append(entry());
    const content = await readFile(log.filePath, 'utf8');
    await writeFile(log.filePath, content.slice(0, -1));
    const reopened = openAuditLog(dir);
    await reopened.append(entry({ actionId: 'next' }));
    expect(await reopened.verify()).toEqual({ ok: true, records: 2, truncatedTail: false, recoveredFragments: 0 });
  });

  it('refuses a garbage line that no recovery record accounts for', async () => {
    const dir = await tempDir();
    const log = openAuditLog(dir);
    await log.append(entry());
    await appendFile(log.filePath, 'garbage\n');
    await log.append(entry({ actionId: 'x' }));
    expect(await openAuditLog(dir).verify()).toMatchObject({ ok: false, firstBad: { line: 2 } });
  });
});

describe('reading the newest records', () => {
  it('gives the same records as reading the whole log, newest first, skipping recovery records and crash fragments', async () => {
    const dir = await tempDir();
    const log = openAuditLog(dir);
    for (let i = 0; i < 30; i += 1) await log.append(entry({ actionId: `a${i}`, accountId: i % 3 === 0 ? 'acct-3' : 'acct' }));
    await appendFile(log.filePath, '{"type":"record","seq":31,"ti');
    const reopened = openAuditLog(dir);
    for (let i = 30; i < 35; i += 1) await reopened.append(entry({ actionId: `a${i}`, accountId: 'acct-3' }));

    const inAcct3 = (record: { accountId: string | null }) => record.accountId === 'acct-3';
    const everything = (await reopened.read()).filter(inAcct3).reverse();
    expect(await reopened.readNewest(100, inAcct3)).toEqual(everything);
    expect((await reopened.readNewest(4, inAcct3)).map((record) => record.actionId)).toEqual(['a34', 'a33', 'a32', 'a31']);
    expect(await reopened.readNewest(0, inAcct3)).toEqual([]);
  });

  it('has nothing to give before the first record is written', async () => {
    expect(await openAuditLog(await tempDir()).readNewest(10, () => true)).toEqual([]);
  });
});
