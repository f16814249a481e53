import { createHmac, hash, randomBytes, randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import os from 'node:os';
import { GENESIS_HASH, type AuditEntry, type AuditHead, type AuditRecord, type AuditVerification } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { AuditKeyStore } from '../credentials/auditKeyStore';
import type { Journal } from './journal';

// The audit trail is a hash chain inside the journal: each record's body is kept as the exact JSON text that was
// hashed, hash = sha256(previous hash + "\n" + body), so anyone can re-check the chain from an export; and each hash
// carries an HMAC under a key kept in the OS keychain, so a rewrite with recomputed hashes does not verify without it.
// The newest record's seq and hash are also kept in meta under an HMAC, so deleting records from the end is caught.

export type { AuditEntry, AuditHead, AuditRecord, AuditVerification } from '../../../shared/audit';

export interface AuditFilter {
  accountId?: string;
  action?: string;
  outcome?: string;
  actionId?: string;
}

export interface AuditLog {
  /** Loads (or on first use creates) the HMAC key; appends wait for it, so call it early to fail early. */
  ready(): Promise<void>;
  /** Appends in its own transaction; the record is on disk when this resolves. */
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** Appends inside the caller's journal transaction (after `ready()`), so the record commits with the rest or not at all. */
  appendInTransaction(entry: AuditEntry): AuditRecord;
  read(): Promise<AuditRecord[]>;
  /** The newest records that match, newest first, at most `limit`. */
  readNewest(limit: number, filter?: AuditFilter): Promise<AuditRecord[]>;
  head(): Promise<AuditHead | null>;
  verify(options?: { expectHead?: AuditHead }): Promise<AuditVerification>;
  /** Writes the chain as JSON lines (see README, "Checking an export without Closeout"); returns the head it ends at. */
  exportTo(file: string): Promise<{ records: number; head: AuditHead | null }>;
}

interface AuditRow {
  seq: number;
  body: string;
  prev_hash: string;
  hash: string;
  mac: string;
  key_id: string;
}

const KEY_ID = 'audit_key_id';
const JOURNAL_ID = 'journal_id';
const HEAD = 'audit_head';

export function chainHash(prevHash: string, body: string): string {
  return hash('sha256', `${prevHash}\n${body}`, 'hex');
}

function mac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

function headText(head: AuditHead): string {
  return `head:${head.seq}:${head.hash}`;
}

function toRecord(row: Pick<AuditRow, 'body' | 'prev_hash' | 'hash'>): AuditRecord {
  const body = JSON.parse(row.body) as Omit<AuditRecord, 'type' | 'prevHash' | 'hash'>;
  return { type: 'record', ...body, prevHash: row.prev_hash, hash: row.hash };
}

export function openAuditChain(journal: Journal, keys: AuditKeyStore, user: string = safeUserName()): AuditLog {
  const { db } = journal;
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const last = db.prepare<[], Pick<AuditRow, 'seq' | 'hash'>>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit (seq, body, prev_hash, hash, mac, key_id, action_id, account_id, action, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const meta = (key: string) => getMeta.get(key)?.value ?? null;

  let key: { id: string; bytes: Buffer } | null = null;
  let loading: Promise<{ id: string; bytes: Buffer }> | null = null;

  const journalId = () =>
    journal.write(() => {
      const known = meta(JOURNAL_ID);
      if (known) return known;
      const id = randomUUID();
      setMeta.run(JOURNAL_ID, id);
      return id;
    });

  /**
   * Race-free across processes: each candidate key goes into the keychain under its own name first, then one
   * transaction decides which name the journal uses; a process that lost removes its candidate and reads the winner.
   */
  async function loadKey(): Promise<{ id: string; bytes: Buffer }> {
    const name = (id: string) => `${journalId()}:${id}`;
    let id = meta(KEY_ID);
    if (id === null) {
      const candidate = randomUUID();
      await keys.set(name(candidate), randomBytes(32).toString('base64'));
      id = journal.write(() => {
        const chosen = meta(KEY_ID);
        if (chosen) return chosen;
        setMeta.run(KEY_ID, candidate);
        return candidate;
      });
      if (id !== candidate) await keys.delete(name(candidate));
    }
    const stored = await keys.get(name(id));
    if (stored === null) {
      throw new AppError({
        code: 'keychain_unavailable',
        outcome: 'not_sent',
        message: `The audit trail's key (${name(id)}) is not in this computer's keychain, so Closeout cannot extend or verify the trail in ${journal.dataDir}; nothing was sent. Use the data folder on the computer that created it.`,
      });
    }
    return { id, bytes: Buffer.from(stored, 'base64') };
  }

  async function ready() {
    if (key) return;
    loading ??= loadKey().finally(() => (loading = null));
    key = await loading;
  }

  function appendInTransaction(entry: AuditEntry): AuditRecord {
    if (!key) throw new Error('appendInTransaction before ready()');
    const previous = last.get() ?? { seq: 0, hash: GENESIS_HASH };
    const seq = previous.seq + 1;
    // seq leads the body, so an export line's sequence can be checked without parsing the rest.
    const record = { seq, time: new Date().toISOString(), user, ...entry };
    const body = JSON.stringify(record);
    const hash = chainHash(previous.hash, body);
    insert.run(seq, body, previous.hash, hash, mac(key.bytes, hash), key.id, entry.actionId, entry.accountId, entry.action, entry.outcome);
    setMeta.run(HEAD, JSON.stringify({ seq, hash, mac: mac(key.bytes, headText({ seq, hash })) }));
    return { type: 'record', ...record, prevHash: previous.hash, hash };
  }

  function where(filter: AuditFilter): { sql: string; values: string[] } {
    const clauses: string[] = [];
    const values: string[] = [];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      clauses.push(`${column} = ?`);
      values.push(value);
    };
    add('account_id', filter.accountId);
    add('action', filter.action);
    add('outcome', filter.outcome);
    add('action_id', filter.actionId);
    return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
  }

  return {
    ready,
    appendInTransaction,
    async append(entry) {
      await ready();
      return journal.write(() => appendInTransaction(entry), 'The record was not written.');
    },
    async read() {
      return db.prepare<[], AuditRow>('SELECT body, prev_hash, hash FROM audit ORDER BY seq').all().map(toRecord);
    },
    async readNewest(limit, filter = {}) {
      if (limit <= 0) return [];
      const { sql, values } = where(filter);
      return db.prepare<unknown[], AuditRow>(`SELECT body, prev_hash, hash FROM audit ${sql} ORDER BY seq DESC LIMIT ?`).all(...values, limit).map(toRecord);
    },
    async head() {
      const row = last.get();
      return row ? { seq: row.seq, hash: row.hash } : null;
    },
    async verify(options = {}) {
      await ready();
      // Rows as arrays rather than objects: a million of them is a verify of a busy desk's year.
      const rows = db.prepare<[], AuditTuple>('SELECT seq, body, prev_hash, hash, mac, key_id FROM audit ORDER BY seq').raw(true).iterate();
      return verifyRows(rows, {
        key: key as { id: string; bytes: Buffer },
        storedHead: meta(HEAD),
        expectHead: options.expectHead,
      });
    },
    async exportTo(file) {
      const handle = await open(file, 'wx', 0o600);
      // The key's name in the keychain, so a reader holding the keychain can check each mac too.
      const keyName = (keyId: string) => `${meta(JOURNAL_ID) ?? ''}:${keyId}`;
      let records = 0;
      let head: AuditHead | null = null;
      try {
        let chunk = '';
        for (const row of db.prepare<[], AuditRow>('SELECT seq, body, prev_hash, hash, mac, key_id FROM audit ORDER BY seq').iterate()) {
          chunk += `${JSON.stringify({ seq: row.seq, prevHash: row.prev_hash, hash: row.hash, mac: row.mac, keyId: keyName(row.key_id), body: row.body })}\n`;
          records += 1;
          head = { seq: row.seq, hash: row.hash };
          if (chunk.length > 1 << 20) {
            await handle.write(chunk);
            chunk = '';
          }
        }
        await handle.write(chunk);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { records, head };
    },
  };
}

interface VerifyContext {
  key: { id: string; bytes: Buffer };
  storedHead: string | null;
  expectHead?: AuditHead | undefined;
}

type AuditTuple = [seq: number, body: string, prevHash: string, hash: string, mac: string, keyId: string];

// Comparisons are plain: verify checks stored data against the key, it answers no one who probes it byte by byte.
function verifyRows(rows: Iterable<AuditTuple>, context: VerifyContext): AuditVerification {
  let prevHash = GENESIS_HASH;
  let records = 0;
  let head: AuditHead | null = null;
  let expectedSeen = false;
  const bad = (seq: number, reason: string): AuditVerification => ({ ok: false, records, head, firstBad: { seq, reason }, macsChecked: true });

  for (const [seq, body, prev, hash, recordMac, keyId] of rows) {
    const expectedSeq = records + 1;
    if (seq !== expectedSeq) return bad(expectedSeq, `record ${expectedSeq} is missing (the next one is ${seq})`);
    if (prev !== prevHash) return bad(seq, 'its previous-record hash does not match the record before it');
    if (!body.startsWith(`{"seq":${seq},`)) return bad(seq, 'its body does not carry its own sequence number');
    if (chainHash(prev, body) !== hash) return bad(seq, 'its content does not match its hash (edited)');
    if (keyId !== context.key.id || mac(context.key.bytes, hash) !== recordMac) {
      return bad(seq, 'its HMAC does not verify under the key in the keychain (written or rewritten without it)');
    }
    if (context.expectHead?.seq === seq) {
      if (context.expectHead.hash !== hash) return bad(seq, `its hash is not the ${context.expectHead.hash} noted for it earlier (rewritten)`);
      expectedSeen = true;
    }
    prevHash = hash;
    records += 1;
  }
  if (records > 0) head = { seq: records, hash: prevHash };

  if (context.storedHead !== null) {
    const stored = JSON.parse(context.storedHead) as AuditHead & { mac: string };
    if (mac(context.key.bytes, headText(stored)) !== stored.mac) return bad(stored.seq, 'the recorded head of the trail does not verify (edited)');
    if (head === null || stored.seq !== head.seq || stored.hash !== head.hash) {
      return bad(Math.min(stored.seq, (head?.seq ?? 0) + 1), `the trail ends at record ${head?.seq ?? 0}, but it had reached record ${stored.seq} (records removed from the end)`);
    }
  } else if (head !== null) {
    return bad(head.seq, 'the recorded head of the trail is missing (edited)');
  }
  if (context.expectHead && !expectedSeen) {
    return bad(context.expectHead.seq, `record ${context.expectHead.seq}, noted earlier as the head, is no longer in the trail (records removed)`);
  }
  return { ok: true, records, head, macsChecked: true, ...(context.expectHead ? { expectedHead: context.expectHead } : {}) };
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
