import type { RendererTableConfig } from '../config';
import { formatCount, formatMegabytes, formatMs, type MeasureRow, type RowHead } from '../report';
import { median, percentile } from '../stats';
import { openTableSession, ROW_SELECTOR, type TableSession } from './tableSession';

const PAINT_GOAL = { ratio: 2, ms: 100 };
const FRAME_MS = 1000 / 60;
const MAX_ROW_ELEMENTS = 100;
const POLL_GOAL_MS = 20;
/** Picking every row is one interaction: within the 200 ms that counts as a good response to input (INP). */
const SELECT_ALL_GOAL_MS = 200;
const HEAP_GOAL_BYTES = 60e6;
/** What a refresh of the account view reads: the two polled lists, and the connections (local, read on every refresh). */
const REFRESH_CHANNELS: ReadonlySet<string> = new Set(['positions:poll', 'orders:poll', 'account:balances', 'connections:list']);

export function rendererTableHeads(config: RendererTableConfig): RowHead[] {
  const rows = formatCount(config.rows);
  return [
    {
      id: 'table-paint',
      measure: `${rows}-row positions table in Chromium: data arrives -> rows painted, account already showing`,
      goal: `<= ${PAINT_GOAL.ratio}x and <= ${PAINT_GOAL.ms} ms`,
    },
    {
      id: 'table-scroll',
      measure: `scrolling that table for ${config.scrollMs / 1000} s (${config.scrollPxPerFrame} px a frame)`,
      goal: `p95 <= ${FRAME_MS.toFixed(1)} ms, <= ${MAX_ROW_ELEMENTS} row elements in the DOM`,
    },
    { id: 'select-all', measure: `Ctrl+A on the ${rows}-row table -> every row shown as picked, painted`, goal: `<= ${SELECT_ALL_GOAL_MS} ms` },
    {
      id: 'idle-poll',
      measure: `main-thread time per refresh poll when nothing changed, ${rows} rows, all of them picked`,
      goal: `<= ${POLL_GOAL_MS} ms`,
    },
    { id: 'renderer-heap', measure: `renderer heap retained with ${rows} rows`, goal: `<= ${formatMegabytes(HEAP_GOAL_BYTES)}` },
  ];
}

async function paintMs(session: TableSession, rows: number): Promise<number> {
  session.holdPositions(rows);
  const { dataAt, paintedAt } = await session.probe('paintAfterRefresh', ROW_SELECTOR);
  return paintedAt - dataAt;
}

async function retainedHeapBytes(session: TableSession): Promise<number> {
  await session.cdp.send('HeapProfiler.collectGarbage');
  await session.cdp.send('HeapProfiler.collectGarbage');
  return (await session.cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * Rows 3 to 6 in one browser session: data-to-paint for the full table against the same with few rows (each sample
 * starts from the account shown empty), scrolling the full table, a refresh that changes nothing, and the heap.
 */
export async function measureRendererTable(
  rendererDir: string,
  config: RendererTableConfig,
  log: (line: string) => void,
): Promise<{ rows: MeasureRow[]; browserVersion: string }> {
  const session = await openTableSession(rendererDir, config.rows);
  try {
    const floorPaint: number[] = [];
    const fullPaint: number[] = [];
    const heapBytes: number[] = [];
    const scrollP95: number[] = [];
    const frameCpuP95: number[] = [];
    let maxRows = 0;
    for (let run = 0; run < config.runs; run += 1) {
      floorPaint.push(await paintMs(session, config.floorRows));
      await session.showEmpty();
      fullPaint.push(await paintMs(session, config.rows));
      heapBytes.push(await retainedHeapBytes(session));
      if (run < config.scrollRuns) {
        const { result, frameCpuMs } = await session.cpuPerFrame(() =>
          session.probe('scroll', session.tableSelector, config.scrollMs, config.scrollPxPerFrame),
        );
        scrollP95.push(percentile(result.frameMs, 95));
        frameCpuP95.push(percentile(frameCpuMs, 95));
        maxRows = Math.max(maxRows, result.maxRows);
      }
      log(`table: run ${run + 1}: ${config.floorRows} rows ${formatMs(floorPaint[run] ?? NaN)}, ${config.rows} rows ${formatMs(fullPaint[run] ?? NaN)}`);
      await session.showEmpty();
    }

    await paintMs(session, config.rows);
    // The polls below run with every row picked: a selection must not make an idle refresh dearer.
    const selectMs: number[] = [];
    for (let run = 0; run < config.runs; run += 1) {
      const { ms, picked } = await session.probe('selectAll', session.tableSelector);
      if (picked === 0) throw new Error('Ctrl+A picked no rows');
      selectMs.push(ms);
    }
    const pollMs: number[] = [];
    const parseMs: number[] = [];
    for (let attempt = 0; pollMs.length < config.polls && attempt < config.polls * 3; attempt += 1) {
      const refresh = await session.mainThreadTime(() => session.probe('refreshAndSettle', ['positions:poll', 'orders:poll']));
      // What the page does anyway in the same time (frames, timers) is not the refresh's.
      const idle = await session.mainThreadTime(() => session.probe('idle', refresh.wallMs));
      // The app polls on its own every few seconds, and reads the account list again once a minute: a sample either
      // ran into is taken again.
      const answered = Object.keys(refresh.result.answers);
      if (refresh.result.answers['positions:poll'] !== 1 || answered.some((channel) => !REFRESH_CHANNELS.has(channel)) || idle.result !== 0) continue;
      pollMs.push(refresh.cpuMs - idle.cpuMs);
      parseMs.push(refresh.result.parseMs);
    }
    if (pollMs.length === 0) throw new Error('every refresh sample ran into one of the app\'s own polls or account-list reads');
    const rowsShown = await session.probe('rowCount', session.tableSelector);
    if (rowsShown === 0) throw new Error('the positions table shows no rows after the refreshes');

    const floorMs = median(floorPaint);
    const paint = median(fullPaint);
    const p95 = median(scrollP95);
    const cpuP95 = median(frameCpuP95);
    const poll = median(pollMs);
    const heap = median(heapBytes);
    const parse = median(parseMs);
    const selectAll = median(selectMs);
    const [paintHead, scrollHead, selectHead, pollHead, heapHead] = rendererTableHeads(config) as [RowHead, RowHead, RowHead, RowHead, RowHead];
    return {
      browserVersion: session.browserVersion,
      rows: [
        {
          ...paintHead,
          floor: `the same with ${formatCount(config.floorRows)} rows: ${formatMs(floorMs)}`,
          closeout: formatMs(paint),
          ratio: paint / floorMs,
          holds: paint / floorMs <= PAINT_GOAL.ratio && paint <= PAINT_GOAL.ms,
          values: { floorMs, closeoutMs: paint, runs: fullPaint.length },
        },
        {
          ...scrollHead,
          floor: `${FRAME_MS.toFixed(1)} ms frame`,
          closeout: `p95 frame ${formatMs(p95)} (main-thread CPU p95 ${formatMs(cpuP95)} a frame), at most ${maxRows} row elements`,
          ratio: p95 / FRAME_MS,
          // rAF intervals jitter around the 60 Hz period; half a millisecond over it is still the same frame.
          holds: p95 <= FRAME_MS + 0.5 && maxRows <= MAX_ROW_ELEMENTS,
          values: { floorMs: FRAME_MS, p95FrameMs: p95, p95FrameCpuMs: cpuP95, maxRowElements: maxRows, runs: scrollP95.length },
        },
        {
          ...selectHead,
          floor: '-',
          closeout: formatMs(selectAll),
          ratio: null,
          holds: selectAll <= SELECT_ALL_GOAL_MS,
          values: { closeoutMs: selectAll, runs: selectMs.length },
        },
        {
          ...pollHead,
          floor: 'zero',
          closeout: `${formatMs(poll)} CPU, of which ${formatMs(parse)} parsing the answers (as IPC would deserialise them)`,
          ratio: null,
          holds: poll <= POLL_GOAL_MS,
          values: { closeoutMs: poll, parseMs: parse, polls: pollMs.length },
        },
        {
          ...heapHead,
          floor: '-',
          closeout: formatMegabytes(heap),
          ratio: null,
          holds: heap <= HEAP_GOAL_BYTES,
          values: { usedHeapBytes: heap, runs: heapBytes.length },
        },
      ],
    };
  } finally {
    await session.close();
  }
}
