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

export type StoredStep = z.infer<typeof stepSchema>;
export type StoredAccount = z.infer<typeof accountSchema>;
/** Everything a run has done so far, per account id: what a re-run with the same id resumes from. */
export type WindDownRunRecord = z.infer<typeof runSchema>;

export interface ProgressStore {
  /** Held for the whole of a run, so no two runs of one id (in this process or another) ever act at once. */
  lock(runId: string): Promise<{ release(): void | Promise<void> }>;
  load(runId: string): Promise<WindDownRunRecord | null>;
  save(record: WindDownRunRecord): Promise<void>;
  /** Every run, most recently changed first. */
  list(): Promise<WindDownRunRecord[]>;
}

/**
 * Runs in the journal (closeout_runs), each record rewritten whole in one transaction, held by a lease on the run id
 * so the app and a `closeout` command never run one id at once. A damaged record is reported, never overwritten.
 * The table and the lease keep the feature's earlier name, closeout, so journals written before the rename read as before.
 */
export function createJournalProgressStore(stores: Pick<JournalStores, 'journal' | 'leases'>): ProgressStore {
  const { journal, leases } = stores;
  const select = journal.db.prepare<[string], { record: string }>('SELECT record FROM closeout_runs WHERE run_id = ?');
  const selectAll = journal.db.prepare<[], { run_id: string; record: string }>('SELECT run_id, record FROM closeout_runs ORDER BY updated_at DESC');
  const upsert = journal.db.prepare(
    'INSERT INTO closeout_runs (run_id, connection, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
  );
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
      return row ? parseRecord(runId, row.record) : null;
    },
    async save(record) {
      checkedRunId(record.runId);
      const checked = runSchema.parse(record);
      journal.write(() => upsert.run(checkedRunId(checked.runId), checked.connection, JSON.stringify(checked), new Date().toISOString()), 'The run stopped here; run it again to resume.');
    },
    async list() {
      // A damaged record stays listed by nobody rather than hiding every other run.
      return selectAll.all().flatMap((row) => {
        try {
          return [parseRecord(row.run_id, row.record)];
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
    save: async (record) => {
      records.delete(record.runId);
      records.set(checkedRunId(record.runId), structuredClone(runSchema.parse(record)));
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

function parseRecord(runId: string, text: string): WindDownRunRecord {
  const file = `wind-down run ${runId} in the journal`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(file, 'it is not valid JSON');
  }
  const parsed = runSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw damaged(file, `${issue?.message ?? 'it does not match the expected shape'}${where}`);
  }
  return parsed.data;
}

function damaged(file: string, reason: string): AppError {
  return new AppError({
    code: 'internal',
    message: `The progress of ${file} is damaged: ${reason}. Closeout left it untouched; choose another run id and run again.`,
  });
}

