// `npm run bench`: every measure of the performance table at full size, printed as one table and written to
// bench-results/latest.json. Progress goes to stderr, the table to stdout.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_CONFIG } from './config';
import { formatTable, MEASURE_IDS, type MeasureId } from './report';
import { runBench } from './runBench';

const RESULTS_DIR = fileURLToPath(new URL('../bench-results', import.meta.url));

/** `--only ID,ID`: run only the groups holding these measures (ids as in the table's first column). */
function selection(argv: string[]): ReadonlySet<MeasureId> | undefined {
  const at = argv.indexOf('--only');
  if (at === -1) return undefined;
  const ids = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = ids.filter((id) => !(MEASURE_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    console.error(`--only takes measure ids separated by commas, from: ${MEASURE_IDS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
    process.exit(2);
  }
  return new Set(ids as MeasureId[]);
}

const only = selection(process.argv.slice(2));
const report = await runBench(FULL_CONFIG, (line) => console.error(line), only);
await mkdir(RESULTS_DIR, { recursive: true });
const file = path.join(RESULTS_DIR, 'latest.json');
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

const { machine } = report;
console.log(formatTable(report.rows));
console.log(
  `\n${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, Chromium ${machine.chromium ?? 'not run'}; ` +
    `load average ${machine.loadStart.toFixed(1)} at the start, ${machine.loadEnd.toFixed(1)} at the end; ${(report.durationMs / 1000).toFixed(0)} s. Written to ${path.relative(process.cwd(), file)}.`,
);
const missed = report.rows.filter((row) => !row.holds).length;
console.log(missed === 0 ? 'Every goal holds.' : `${missed} of ${report.rows.length} goals do not hold.`);
