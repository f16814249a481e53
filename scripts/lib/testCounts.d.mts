export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}
export function countCheck(exitCode: number): Counts;
export function countVitest(report: unknown, exitCode: number): Counts;
export function countPlaywright(report: unknown, exitCode: number): Counts;
export function addCounts(all: readonly Counts[]): Counts;
export function verdictLine(counts: Counts): string;
export function runSucceeded(counts: Counts): boolean;
