import type { WindDownReport } from '../../shared/windDown';

/** "2 done, 1 stopped, 0 skipped.", and the unknown outcomes when there are any. */
export function reportSummary(report: Pick<WindDownReport, 'summary'>): string {
  const { done, stopped, skipped, parked, unknown } = report.summary;
  const base = `${done} done, ${parked > 0 ? `${parked} parked (waiting), ` : ''}${stopped} stopped, ${skipped} skipped`;
  return unknown > 0 ? `${base}; ${unknown} with an unknown outcome: check them at the broker before running again.` : `${base}.`;
}
