/** The rows of the performance table, in the order it lists them. */
export const MEASURE_IDS = [
  'list-positions',
  'core-poll-unchanged',
  'core-poll-changed',
  'core-poll-unchanged-large',
  'core-poll-changed-large',
  'list-accounts',
  'close-tickets',
  'closeout-accounts',
  'table-paint',
  'table-paint-50k',
  'table-scroll-100',
  'table-scroll',
  'table-scroll-50k',
  'select-all',
  'idle-poll',
  'renderer-heap',
  'picker-filter',
  'first-bridge-call',
  'first-rows',
  'ipc-bridge',
  'renderer-js-gzip',
  'journal-writes',
  'audit-verify',
] as const;

export type MeasureId = (typeof MEASURE_IDS)[number];

/** What a measure is and what it must reach, known before anything runs (so a measure that fails still has its row). */
/** Where a bench run writes its progress lines. */
export type Log = (line: string) => void;

export interface RowHead {
  id: MeasureId;
  measure: string;
  goal: string;
}

export interface MeasureRow extends RowHead {
  floor: string;
  closeout: string;
  /** Closeout over its floor; null where the floor is zero or there is none. */
  ratio: number | null;
  holds: boolean;
  /** The numbers behind the texts, in ms, bytes or counts as their names say. */
  values: Record<string, number>;
  error?: string;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  chromium: string | null;
  /** 1-minute load average when the run started and ended: other work on the machine slows every figure. */
  loadStart: number;
  loadEnd: number;
}

export interface BenchReport {
  startedAt: string;
  durationMs: number;
  machine: MachineInfo;
  config: unknown;
  rows: MeasureRow[];
}

export function failedRow(head: RowHead, error: unknown): MeasureRow {
  const message = error instanceof Error ? error.message : String(error);
  return { ...head, floor: '-', closeout: '-', ratio: null, holds: false, values: {}, error: message.split('\n')[0] ?? message };
}

const COLUMNS = ['measure', 'floor or baseline', 'Closeout', 'ratio', 'goal', 'holds?'];

/** The report as one Markdown table, the form the README quotes. */
export function formatTable(rows: readonly MeasureRow[]): string {
  const cells = rows.map((row) => [
    row.measure,
    row.floor,
    row.error ? `error: ${row.error}` : row.closeout,
    row.ratio === null ? '-' : `${row.ratio.toFixed(2)}x`,
    row.goal,
    row.error ? 'error' : row.holds ? 'yes' : 'NO',
  ]);
  const line = (values: readonly string[]) => `| ${values.map((value) => value.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(COLUMNS), line(COLUMNS.map(() => '---')), ...cells.map(line)].join('\n');
}

export function formatMs(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Decimal megabytes (10^6 bytes): the larger of the two conventions, so a size never reads smaller than it is. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1e3).toFixed(1)} KB`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
