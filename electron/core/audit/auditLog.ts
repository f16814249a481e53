import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry, AuditLine, AuditRecord, AuditVerification, RecoveryRecord } from '../../../shared/audit';
import { linesFromEnd } from './linesFromEnd';

export const AUDIT_FILE_NAME = 'audit.jsonl';
const GENESIS_HASH = '0'.repeat(64);

export type { AuditEntry, AuditLine, AuditRecord, AuditVerification, RecoveryRecord } from '../../../shared/audit';

export interface AuditLog {
  readonly filePath: string;
  append(entry: AuditEntry): Promise<AuditRecord>;
  read(): Promise<AuditRecord[]>;
  /** The newest records that match, newest first, at most `limit`: reads the log from its end and stops there. */
  readNewest(limit: number, matches: (record: AuditRecord) => boolean): Promise<AuditRecord[]>;
  verify(): Promise<AuditVerification>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hashOf(line: Omit<AuditLine, 'hash'>): string {
  return sha256(JSON.stringify(line));
}

function withoutHash(line: AuditLine): Omit<AuditLine, 'hash'> {
  const { hash: _hash, ...rest } = line;
  return rest;
}

interface ParsedLine {
  lineNumber: number;
  text: string;
  value: AuditLine | null;
}

/** A line of the log, or null for one that is not a whole line of it (a crash fragment). */
function parseLine(text: string): AuditLine | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && 'hash' in parsed && 'prevHash' in parsed ? (parsed as AuditLine) : null;
  } catch {
    return null;
  }
}

function splitLines(content: string): { lines: ParsedLine[]; endsWithNewline: boolean } {
  const endsWithNewline = content.length === 0 || content.endsWith('\n');
  const raw = content.split('\n');
  if (endsWithNewline) raw.pop();
  const lines = raw.map((text, index) => ({ lineNumber: index + 1, text, value: parseLine(text) }));
  return { lines, endsWithNewline };
}

export function verifyAuditContent(content: string): AuditVerification {
  const { lines, endsWithNewline } = splitLines(content);
  let prevHash = GENESIS_HASH;
  let records = 0;
  let recoveredFragments = 0;
  let pendingFragment: ParsedLine | null = null;
  let truncatedTail = false;

  for (const [index, line] of lines.entries()) {
    const isLast = index === lines.length - 1;
    if (line.value === null) {
      if (isLast && !endsWithNewline) {
        truncatedTail = true;
        break;
      }
      if (pendingFragment) return bad(line.lineNumber, 'two unreadable lines in a row');
      pendingFragment = line;
      continue;
    }
    const value = line.value;
    if (pendingFragment) {
      if (value.type !== 'recovery' || value.fragmentSha256 !== sha256(pendingFragment.text)) {
        return bad(pendingFragment.lineNumber, 'unreadable line that no recovery record accounts for');
      }
      recoveredFragments += 1;
      pendingFragment = null;
    } else if (value.type === 'recovery') {
      return bad(line.lineNumber, 'recovery record without a partial line before it');
    }
    if (value.prevHash !== prevHash) return bad(line.lineNumber, 'its previous-record hash does not match the record before it');
    if (hashOf(withoutHash(value)) !== value.hash) return bad(line.lineNumber, 'its content does not match its hash (edited)');
    prevHash = value.hash;
    records += 1;
  }
  if (pendingFragment) return bad(pendingFragment.lineNumber, 'unreadable line that no recovery record accounts for');
  return { ok: true, records, truncatedTail, recoveredFragments };

  function bad(lineNumber: number, reason: string): AuditVerification {
    return { ok: false, records, firstBad: { line: lineNumber, reason }, truncatedTail, recoveredFragments };
  }
}

/**
 * An append-only JSONL file where each line carries the SHA-256 of the one before, so an edit or a removal breaks the
 * chain. Each append reaches the disk (fsync) before it resolves, so an attempt is recorded before its request goes out.
 */
export function openAuditLog(dataDir: string, user: string = safeUserName()): AuditLog {
  const filePath = path.join(dataDir, AUDIT_FILE_NAME);
  let queue: Promise<unknown> = Promise.resolve();
  let tail: { seq: number; hash: string } | null = null;

  async function readContent(): Promise<string> {
    try {
      return await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  async function writeLines(lines: AuditLine[], prefix = ''): Promise<void> {
    await mkdir(dataDir, { recursive: true });
    const handle = await open(filePath, 'a', 0o600);
    try {
      await handle.write(prefix + lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async function ensureTail(): Promise<{ seq: number; hash: string }> {
    if (tail) return tail;
    const content = await readContent();
    const { lines, endsWithNewline } = splitLines(content);
    const whole = lines.filter((line) => line.value !== null);
    const last = whole.at(-1)?.value;
    tail = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    const partial = lines.at(-1);
    if (partial && partial.value === null && !endsWithNewline) {
      const recovery: Omit<RecoveryRecord, 'hash'> = {
        type: 'recovery',
        seq: tail.seq + 1,
        time: new Date().toISOString(),
        fragmentSha256: sha256(partial.text),
        fragmentBytes: Buffer.byteLength(partial.text),
        prevHash: tail.hash,
      };
      const record = { ...recovery, hash: hashOf(recovery) } as RecoveryRecord;
      await writeLines([record], '\n');
      tail = { seq: record.seq, hash: record.hash };
    } else if (!endsWithNewline) {
      // A crash right before the newline leaves a whole record: finish its line so the next one starts cleanly.
      await writeLines([], '\n');
    }
    return tail;
  }

  return {
    filePath,
    append(entry) {
      const appended = queue.then(async () => {
        const previous = await ensureTail();
        const body: Omit<AuditRecord, 'hash'> = {
          type: 'record',
          seq: previous.seq + 1,
          time: new Date().toISOString(),
          user,
          ...entry,
          prevHash: previous.hash,
        };
        const record = { ...body, hash: hashOf(body) } as AuditRecord;
        await writeLines([record]);
        tail = { seq: record.seq, hash: record.hash };
        return record;
      });
      queue = appended.catch(() => undefined);
      return appended;
    },
    async read() {
      const { lines } = splitLines(await readContent());
      return lines.flatMap((line) => (line.value?.type === 'record' ? [line.value] : []));
    },
    async readNewest(limit, matches) {
      const newest: AuditRecord[] = [];
      if (limit <= 0) return newest;
      for await (const text of linesFromEnd(filePath)) {
        const line = parseLine(text);
        if (line?.type !== 'record' || !matches(line)) continue;
        newest.push(line);
        if (newest.length === limit) break;
      }
      return newest;
    },
    async verify() {
      return verifyAuditContent(await readContent());
    },
  };
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
