import { z } from 'zod';
import { ERROR_CODES, AppError } from '../../../shared/errors';
import { WIND_DOWN_STEPS, type WindDownReport } from '../../../shared/windDown';
// Letters, digits, dot, dash, underscore: it names a file, so no separators and no leading dot.
import { RUN_ID_PATTERN } from '../../../shared/contract';
import type { JournalStores } from '../journal';
import { leaseKey } from '../journal/leaseKeys';

const stepSchema = z
  .object({
    /** running: the step was under way when the record was saved; read back, its outcome is unknown. */
    state: z.enum(['running', 'done', 'skipped', 'failed', 'unknown', 'waiting']),
    message: z.string(),
    requestId: z.string().nullable(),
    at: z.string(),
    /** The sweep's journal at the broker, read back by this id when the run resumes. */
    journalId: z.string().optional(),
    waitsFor: z.enum(['settlement', 'cash_out']).optional(),
  })
  .strict();

const accountSchema = z
  .object({
    accountId: z.string(),
    number: z.string(),
    name: z.string(),
    status: z.enum(['running', 'done', 'stopped', 'parked']),
    reason: z.string().nullable(),
    errorCode: z.enum(ERROR_CODES).nullable(),
    steps: z.partialRecord(z.enum(WIND_DOWN_STEPS), stepSchema),
  })
  .strict();

const runSchema = z
  .object({
    version: z.literal(1),
    runId: z.string().regex(RUN_ID_PATTERN),
    connection: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    accounts: z.record(z.string(), accountSchema),
    // Since parked runs: what a resume needs without the list it started from, and the last report for the app.
    refs: z.array(z.string()).optional(),
    sweepTo: z.object({ accountId: z.string(), number: z.string(), name: z.string() }).strict().nullable().optional(),
    status: z.enum(['running', 'parked', 'finished']).optional(),
    report: z.custom<WindDownReport>((value) => typeof value === 'object' && value !== null).optional(),
  })
  .strict();

/** The run without its accounts: what the journal keeps in closeout_runs, its accounts being rows of their own. */
const headerSchema = runSchema.omit({ accounts: true });

export type StoredStep = z.infer<typeof stepSchema>;
export type StoredAccount = z.infer<typeof accountSchema>;
/** Everything a run has done so far, per account id: what a re-run with the same id resumes from. */
export type WindDownRunRecord = z.infer<typeof runSchema>;
export type WindDownRunHeader = z.infer<typeof headerSchema>;

export interface ProgressStore {
  /** Held for the whole of a run, so no two runs of one id (in this process or another) ever act at once. */
  lock(runId: string): Promise<{ release(): void | Promise<void> }>;
  load(runId: string): Promise<WindDownRunRecord | null>;
  /** The whole run, its fields and every account in it, in one transaction. */
  save(record: WindDownRunRecord): Promise<void>;
  /** The run's own fields (its list, firm account, status, report), leaving its accounts as they are. */
  saveRun(run: WindDownRunHeader): Promise<void>;
  /** One account of a run, as a step leaves it: the rest of the run is not written again. */
  saveAccount(runId: string, account: StoredAccount): Promise<void>;
  /** Every run, most recently changed first. */
  list(): Promise<WindDownRunRecord[]>;
}

/**
 * Runs in the journal: each run's fields in closeout_runs and each of its accounts in closeout_run_accounts, so a step
 * writes one small row whatever the size of the run. A lease on the run id keeps the app and a `closeout` command from
 * running one id at once. A damaged record is reported, never overwritten. The tables and the lease keep the feature's
 * earlier name, closeout, so journals written before the rename read as before.
 */
export function createJournalProgressStore(stores: Pick<JournalStores, 'journal' | 'leases'>): ProgressStore {
  const { journal, leases } = stores;
  const { db } = journal;
  const select = db.prepare<[string], { record: string; updated_at: string }>('SELECT record, updated_at FROM closeout_runs WHERE run_id = ?');
  const selectAll = db.prepare<[], { run_id: string; record: string; updated_at: string }>('SELECT run_id, record, updated_at FROM closeout_runs ORDER BY updated_at DESC');
  const selectAccounts = db.prepare<[string], { account_id: string; record: string }>('SELECT account_id, record FROM closeout_run_accounts WHERE run_id = ?');
  const upsertRun = db.prepare(
    'INSERT INTO closeout_runs (run_id, connection, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
  );
  const upsertAccount = db.prepare(
    'INSERT INTO closeout_run_accounts (run_id, account_id, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, account_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
  );
  const touchRun = db.prepare('UPDATE closeout_runs SET updated_at = ? WHERE run_id = ?');
  const consequence = 'The run stopped here; run it again to resume.';

  const writeRun = (run: WindDownRunHeader) => {
    const checked = headerSchema.parse(run);
    upsertRun.run(checkedRunId(checked.runId), checked.connection, JSON.stringify(checked), checked.updatedAt);
  };
  const writeAccount = (runId: string, account: StoredAccount, at: string) => {
    const checked = accountSchema.parse(account);
    upsertAccount.run(runId, checked.accountId, JSON.stringify(checked), at);
  };
  const assemble = (runId: string, row: { record: string; updated_at: string }): WindDownRunRecord => {
    const run = parseJson(runId, row.record) as { accounts?: unknown; updatedAt?: unknown };
    const rows = selectAccounts.all(runId).map((account) => [account.account_id, parseJson(runId, account.record)] as const);
    // Headers written before accounts had rows of their own kept them inside; a row is the newer word on its account.
    const earlier = typeof run.accounts === 'object' && run.accounts !== null ? run.accounts : {};
    const updatedAt = typeof run.updatedAt === 'string' && run.updatedAt > row.updated_at ? run.updatedAt : row.updated_at;
    return parseRecord(runId, { ...run, updatedAt, accounts: { ...earlier, ...Object.fromEntries(rows) } });
  };

  return {
    async lock(runId) {
      const id = checkedRunId(runId);
      try {
        return { release: leases.acquire(leaseKey.windDownRun(id), { actionId: id, description: `wind-down run ${id}` }) };
      } catch (error) {
        if (error instanceof AppError && error.code === 'in_flight') throw new AppError({ ...error.toShape(), field: 'runId' });
        throw error;
      }
    },
    async load(runId) {
      const row = select.get(checkedRunId(runId));
      return row ? assemble(runId, row) : null;
    },
    async save(record) {
      const { accounts, ...run } = runSchema.parse({ ...record, runId: checkedRunId(record.runId) });
      journal.write(() => {
        writeRun(run);
        for (const account of Object.values(accounts)) writeAccount(run.runId, account, run.updatedAt);
      }, consequence);
    },
    async saveRun(run) {
      checkedRunId(run.runId);
      journal.write(() => writeRun(run), consequence);
    },
    async saveAccount(runId, account) {
      const id = checkedRunId(runId);
      const at = new Date().toISOString();
      journal.write(() => {
        writeAccount(id, account, at);
        touchRun.run(at, id);
      }, consequence);
    },
    async list() {
      // A damaged record stays listed by nobody rather than hiding every other run.
      return selectAll.all().flatMap((row) => {
        try {
          return [assemble(row.run_id, row)];
        } catch {
          return [];
        }
      });
    },
  };
}

/** Progress that lives as long as the process: for tests, and for a UI that does not need to resume after a restart. */
export function createMemoryProgressStore(): ProgressStore {
  const records = new Map<string, WindDownRunRecord>();
  const locked = new Set<string>();
  const put = (record: WindDownRunRecord) => {
    records.delete(record.runId);
    records.set(checkedRunId(record.runId), record);
  };
  return {
    lock: async (runId) => {
      const id = checkedRunId(runId);
      if (locked.has(id)) throw new AppError({ code: 'in_flight', field: 'runId', outcome: 'not_sent', message: `Wind-down run ${id} is already running; nothing was sent.` });
      locked.add(id);
      return { release: async () => void locked.delete(id) };
    },
    load: async (runId) => {
      const record = records.get(checkedRunId(runId));
      return record ? structuredClone(record) : null;
    },
    save: async (record) => put(structuredClone(runSchema.parse(record))),
    saveRun: async (run) => put({ ...structuredClone(headerSchema.parse(run)), accounts: records.get(checkedRunId(run.runId))?.accounts ?? {} }),
    saveAccount: async (runId, account) => {
      const record = records.get(checkedRunId(runId));
      if (!record) throw new AppError({ code: 'internal', message: `Wind-down run ${runId} was not saved before its accounts.` });
      record.accounts[account.accountId] = structuredClone(accountSchema.parse(account));
      put({ ...record, updatedAt: new Date().toISOString() });
    },
    list: async () => [...records.values()].reverse().map((record) => structuredClone(record)),
  };
}

/** Returns the run id, or throws the validation error naming the rule. */
export function checkedRunId(runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new AppError({ code: 'validation', field: 'runId', outcome: 'not_sent', message: 'runId must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit' });
  }
  return runId;
}

function parseJson(runId: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damaged(runId, 'it is not valid JSON');
  }
}

function parseRecord(runId: string, json: unknown): WindDownRunRecord {
  const parsed = runSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw damaged(runId, `${issue?.message ?? 'it does not match the expected shape'}${where}`);
  }
  return parsed.data;
}

function damaged(runId: string, reason: string): AppError {
  return new AppError({
    code: 'internal',
    message: `The progress of wind-down run ${runId} in the journal is damaged: ${reason}. Closeout left it untouched; choose another run id and run again.`,
  });
}

