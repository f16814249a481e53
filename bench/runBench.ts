import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureNavigation, navigationHeads } from './browser/navigation';
import { measurePickerFilter, pickerFilterHead } from './browser/pickerFilter';
import { measureRendererTable, rendererTableHeads } from './browser/rendererTable';
import { closeTicketsHead, measureCloseTickets } from './closeTickets';
import { corePollCpuHeads, measureCorePollCpu } from './corePollCpu';
import { closeoutAccountsHead, measureCloseoutAccounts } from './closeoutAccounts';
import type { BenchConfig } from './config';
import { auditVerifyHead, measureAuditVerify } from './auditVerify';
import { ipcBridgeHead, measureIpcBridge } from './ipcBridge';
import { journalWritesHead, measureJournalWrites } from './journalWrites';
import { listAccountsHead, measureListAccounts } from './listAccounts';
import { listPositionsHead, measureListPositions } from './listPositions';
import { buildRenderer, measureRendererBundle, rendererBundleHead } from './rendererBuild';
import { failedRow, type BenchReport, type Log, type MeasureId, type MeasureRow, type RowHead } from './report';


/** Measure ids to run; every measure when absent. */
export type BenchSelection = ReadonlySet<MeasureId> | undefined;

/** Runs a group of measures; if it fails, its rows say so and the other groups still run. */
async function group(heads: RowHead[], log: Log, run: () => Promise<MeasureRow[]>, only: BenchSelection): Promise<MeasureRow[]> {
  if (only && !heads.some((head) => only.has(head.id))) return [];
  try {
    return await run();
  } catch (error) {
    log(`${heads.map((head) => head.id).join(', ')} failed: ${error instanceof Error ? error.message : String(error)}`);
    return heads.map((head) => failedRow(head, error));
  }
}

/** Every measure of the performance table, one after another (they would disturb each other's timings in parallel). */
export async function runBench(config: BenchConfig, log: Log = () => undefined, only?: BenchSelection): Promise<BenchReport> {
  const startedAt = new Date();
  const loadStart = os.loadavg()[0] ?? 0;
  const started = performance.now();
  let chromium: string | null = null;
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-bench-renderer-'));
  const rows: MeasureRow[] = [];
  try {
    rows.push(...(await group([listPositionsHead(config.listPositions)], log, async () => [await measureListPositions(config.listPositions, log)], only)));
    rows.push(...(await group(corePollCpuHeads(config.corePollCpu), log, () => measureCorePollCpu(config.corePollCpu, log), only)));
    rows.push(...(await group([listAccountsHead(config.listAccounts)], log, async () => [await measureListAccounts(config.listAccounts, log)], only)));
    rows.push(...(await group([closeTicketsHead(config.closeTickets)], log, async () => [await measureCloseTickets(config.closeTickets, log)], only)));
    rows.push(...(await group([closeoutAccountsHead(config.closeoutAccounts)], log, async () => [await measureCloseoutAccounts(config.closeoutAccounts, log)], only)));

    let renderer: ReturnType<typeof buildRenderer> | undefined;
    const built = () => {
      if (!renderer) {
        log('renderer: production build');
        renderer = buildRenderer(rendererDir);
      }
      return renderer;
    };
    rows.push(
      ...(await group(rendererTableHeads(config.rendererTable), log, async () => {
        const result = await measureRendererTable(await built(), config.rendererTable, log);
        chromium = result.browserVersion;
        return result.rows;
      }, only)),
    );
    rows.push(...(await group([pickerFilterHead(config.pickerFilter)], log, async () => [await measurePickerFilter(await built(), config.pickerFilter, log)], only)));
    rows.push(...(await group(navigationHeads(config.navigation), log, async () => measureNavigation(await built(), config.navigation, log), only)));
    rows.push(...(await group([ipcBridgeHead()], log, async () => [await measureIpcBridge(config.ipcBridge)], only)));
    rows.push(...(await group([rendererBundleHead()], log, async () => [await measureRendererBundle(await built())], only)));
    rows.push(
      ...(await group([journalWritesHead()], log, async () => {
        log('journal: one close\'s writes against fsync\'d appends');
        return [await measureJournalWrites(config.journalWrites)];
      }, only)),
    );
    rows.push(
      ...(await group([auditVerifyHead(config.auditVerify)], log, async () => {
        log('journal: verify the audit trail');
        return [await measureAuditVerify(config.auditVerify, log)];
      }, only)),
    );
  } finally {
    await rm(rendererDir, { recursive: true, force: true });
  }
  return {
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      chromium,
      loadStart,
      loadEnd: os.loadavg()[0] ?? 0,
    },
    config,
    rows,
  };
}
