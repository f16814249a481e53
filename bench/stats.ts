/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100): the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface AlternatingTimes {
  floorMs: number[];
  measuredMs: number[];
}

/**
 * Times `floor` and `measured` once each per round after `warmupRounds` untimed ones, alternating which goes first,
 * so a change in the machine's load falls on both sides alike.
 */
export async function alternatingRounds(
  rounds: { warmup: number; timed: number },
  floor: () => Promise<unknown>,
  measured: () => Promise<unknown>,
  onRound: (round: number, floorMs: number, measuredMs: number) => void = () => undefined,
): Promise<AlternatingTimes> {
  for (let round = 0; round < rounds.warmup; round += 1) {
    await floor();
    await measured();
  }
  const floorMs: number[] = [];
  const measuredMs: number[] = [];
  for (let round = 0; round < rounds.timed; round += 1) {
    let floorTime: number;
    let measuredTime: number;
    if (round % 2 === 0) {
      floorTime = await timed(floor);
      measuredTime = await timed(measured);
    } else {
      measuredTime = await timed(measured);
      floorTime = await timed(floor);
    }
    floorMs.push(floorTime);
    measuredMs.push(measuredTime);
    onRound(round, floorTime, measuredTime);
  }
  return { floorMs, measuredMs };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
