import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAuditHead } from '../../../shared/audit';
import { tempJournal } from './journal.testkit';

// The README promises that an export can be checked without Closeout, with a short Python script it prints. This runs
// that very script, as the README has it, against a real export: a recipe that drifts from the format fails here.

const README = path.resolve(import.meta.dirname, '../../../README.md');
const PYTHON = spawnSync('python3', ['--version']).status === 0;

async function recipe(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const match = /<!-- audit-recipe -->\s*```python\n([\s\S]*?)```\s*<!-- \/audit-recipe -->/.exec(text);
  if (!match?.[1]) throw new Error('README.md has no audit-recipe block');
  return match[1];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe.skipIf(!PYTHON)(`the README's recipe for checking an export (${PYTHON ? 'python3 found' : 'skipped: no python3 on this machine'})`, () => {
  async function exported() {
    const stores = await tempJournal();
    cleanups.push(stores.cleanup);
    for (const actionId of ['a', 'b', 'c']) {
      await stores.audit.append({ actionId, phase: 'attempt', action: 'close_position', connection: 'Desk é', broker: 'alpaca', accountId: 'A1', params: { note: 'ünïcode ✓' }, requestId: null, outcome: null, errorCode: null, message: null });
    }
    const file = path.join(stores.dataDir, 'trail.jsonl');
    await stores.audit.exportTo(file);
    const script = path.join(stores.dataDir, 'check.py');
    await writeFile(script, await recipe());
    return { stores, file, check: () => spawnSync('python3', [script, file], { encoding: 'utf8' }) };
  }

  it('passes an untouched export and prints the head Closeout gives', async () => {
    const { stores, check } = await exported();
    const result = check();
    expect(result.status, result.stderr).toBe(0);
    const head = await stores.audit.head();
    if (!head) throw new Error('no head');
    expect(result.stdout.trim()).toBe(`3 records chain correctly; head ${formatAuditHead(head)}`);
  });

  it('fails an export whose record was edited, naming the record', async () => {
    const { file, check } = await exported();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = (lines[1] as string).replace('close_position', 'cancel_order');
    await writeFile(file, lines.join('\n'));
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('record 2: edited');
  });

  it('fails an export with a record taken out of the middle', async () => {
    const { file, check } = await exported();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.splice(1, 1);
    await writeFile(file, lines.join('\n'));
    const result = check();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('record 2: not chained to the one before');
  });
});
