import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesFromEnd } from './linesFromEnd';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-lines-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('linesFromEnd', () => {
  it('gives every non-empty line, last first, whatever the chunk size, multi-byte characters intact', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'Z', '{', '"', 'é', '€', '𝄞', ' '), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), async (lines, trailingNewline, chunkBytes) => {
        const file = path.join(dir, 'log.jsonl');
        await writeFile(file, lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : ''), 'utf8');
        const expected = lines.filter((text) => text.length > 0).reverse();
        expect(await collect(linesFromEnd(file, chunkBytes))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('has no lines for a file that does not exist yet', async () => {
    expect(await collect(linesFromEnd(path.join(dir, 'missing.jsonl')))).toEqual([]);
  });

  it('stops reading when the caller stops asking', async () => {
    const file = path.join(dir, 'long.jsonl');
    await writeFile(file, Array.from({ length: 10_000 }, (_, index) => `line ${index}`).join('\n'));
    const newest: string[] = [];
    for await (const line of linesFromEnd(file, 64)) {
      newest.push(line);
      if (newest.length === 3) break;
    }
    expect(newest).toEqual(['line 9999', 'line 9998', 'line 9997']);
  });
});
