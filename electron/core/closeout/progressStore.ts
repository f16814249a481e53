import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../atomicWrite';
import { z } from 'zod';
import { ERROR_CODES, AppError } from '../../../shared/errors';
import { CLOSEOUT_STEPS } from '../../../shared/closeout';
// Letters, digits, dot, dash, underscore: it names a file, so no separators and no leading dot.
import { RUN_ID_PATTERN } from '../../../shared/contract';
import { acquireRunLock, type RunLock } from './runLock';

const stepSchema = z
  .object({
    /** running: the step was under way when the record was saved; read back, its outcome is unknown. */
    state: z.enum(['running', 'done', 'skipped', 'failed', 'unknown']),
    message: z.string(),
    requestId: z.string().nullable(),
    at: z.string(),
  })
  .strict();

const accountSchema = z
  .object({
    accountId: z.string(),
    number: z.string(),
    name: z.string(),
    status: z.enum(['running', 'done', 'stopped']),
    reason: z.string().nullable(),
    errorCode: z.enum(ERROR_CODES).nullable(),
    steps: z.partialRecord(z.enum(CLOSEOUT_STEPS), stepSchema),
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
  })
  .strict();

export type StoredStep = z.infer<typeof stepSchema>;
export type StoredAccount = z.infer<typeof accountSchema>;
/** Everything a run has done so far, per account id: what a re-run with the same id resumes from. */
export type CloseoutRunRecord = z.infer<typeof runSchema>;

export interface ProgressStore {
  /** Held for the whole of a run, so no two runs of one id (in this process or another) ever act at once. */
  lock(runId: string): Promise<RunLock>;
  load(runId: string): Promise<CloseoutRunRecord | null>;
  save(record: CloseoutRunRecord): Promise<void>;
}

export function progressFilePath(dataDir: string, runId: string): string {
  return path.join(dataDir, 'closeout-runs', `${checkedRunId(runId)}.json`);
}

/**
 * One JSON file per run under <dataDir>/closeout-runs/, rewritten whole through a temp file and a rename so a crash
 * leaves the previous record or the new one. A damaged file is reported and left as it is, never overwritten.
 */
export function createFileProgressStore(dataDir: string): ProgressStore {
  return {
    lock: (runId) => acquireRunLock(dataDir, checkedRunId(runId)),
    async load(runId) {
      const file = progressFilePath(dataDir, runId);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new AppError({ code: 'internal', message: `Closeout could not read the progress file ${file}: ${(error as Error).message}` });
      }
      return parseRecord(file, text);
    },
    save: async (record) => writeFileAtomically(progressFilePath(dataDir, record.runId), `${JSON.stringify(runSchema.parse(record), null, 2)}\n`, 'the progress file'),
  };
}

/** Progress that lives as long as the process: for tests, and for a UI that does not need to resume after a restart. */
export function createMemoryProgressStore(): ProgressStore {
  const records = new Map<string, CloseoutRunRecord>();
  const locked = new Set<string>();
  return {
    lock: async (runId) => {
      const id = checkedRunId(runId);
      if (locked.has(id)) throw new AppError({ code: 'in_flight', field: 'runId', outcome: 'not_sent', message: `Closeout run ${id} is already running; nothing was sent.` });
      locked.add(id);
      return { release: async () => void locked.delete(id) };
    },
    load: async (runId) => {
      const record = records.get(checkedRunId(runId));
      return record ? structuredClone(record) : null;
    },
    save: async (record) => {
      records.set(checkedRunId(record.runId), structuredClone(runSchema.parse(record)));
    },
  };
}

/** Returns the run id, or throws the validation error naming the rule. */
export function checkedRunId(runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new AppError({ code: 'validation', field: 'runId', outcome: 'not_sent', message: 'runId must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit' });
  }
  return runId;
}

function parseRecord(file: string, text: string): CloseoutRunRecord {
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
    message: `The progress file ${file} is damaged: ${reason}. Closeout left it untouched; move it aside (or choose another run id) and run again.`,
  });
}

