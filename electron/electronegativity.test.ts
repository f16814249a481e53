import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES } from './windowSecurity';

// The electronegativity gate: the scanner's findings on electron/ (only a justified inline disable may silence one),
// every disable carrying its reason, and the window's webPreferences spelled out in main.ts exactly as
// SECURE_WEB_PREFERENCES declares them. The last part covers what the scanner waves through: it reads
// `nodeIntegration: true` as harmless whenever `sandbox: true` sits beside it.

const ELECTRON_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.resolve(ELECTRON_DIR, '..');
// Built in two parts so this file holds no directive the gate or the scanner would read.
const OPEN_COMMENT = '/' + '*';
const SCANNED_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
/** webPreferences whose value is decided at run time, with the only expression each may have. */
const RUNTIME_PREFERENCES: Record<string, RegExp> = { devTools: /^!app\.isPackaged$/, preload: /^path\.join\(__dirname, 'preload\.cjs'\)$/ };

interface ScanIssue {
  id: string;
  file: string;
  description: string;
  location: { line: number; column: number };
}

interface ScanResult {
  issues: ScanIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}

type Electronegativity = (options: {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
  excludeFromScan: string[];
}) => Promise<ScanResult>;

const electronegativity = createRequire(import.meta.url)('@doyensec/electronegativity') as Electronegativity;

async function scannerProblems(root: string): Promise<string[]> {
  const { version } = JSON.parse(await readFile(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  const result = await electronegativity({
    input: root,
    isRelative: true,
    // The scan covers electron/ only, where no package.json tells the scanner which Electron it judges.
    electronVersionOverride: version,
    // This check asks GitHub for Electron's release list: a test must not depend on the network, and keeping
    // Electron current is a dependency update, not a property of this source.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
  });
  return [
    ...result.issues.map((issue) => `${issue.file}:${issue.location.line} ${issue.id}: ${issue.description}`),
    ...result.errors.filter((error) => !error.tolerable).map((error) => `${error.file} could not be scanned: ${error.message}`),
  ];
}

// The directive electronegativity honours (util/exceptions.js), and the form this project requires of it.
const DISABLE_DIRECTIVE = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+/i;
const JUSTIFIED_DISABLE = /\/\*[ \t]*eng-disable[ \t]+[A-Z0-9_]+(?:[ \t,]+[A-Z0-9_]+)*[ \t]*\*\/[ \t]*\/\/[ \t]*(\S.*)$/;

async function scannedFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.filter((entry) => SCANNED_EXTENSIONS.has(path.extname(entry)) && !entry.split(path.sep).includes('node_modules')).sort();
}

async function unjustifiedDisables(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await scannedFiles(root)) {
    const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (!DISABLE_DIRECTIVE.test(line)) return;
      const where = `${file}:${index + 1}`;
      // On a file's first line the directive silences the check for the whole file.
      if (index === 0) problems.push(`${where} disables a check for the whole file; disable it on the flagged line`);
      const reason = JUSTIFIED_DISABLE.exec(line)?.[1]?.trim() ?? '';
      if (reason.split(/\s+/).length < 3) problems.push(`${where} has an eng-disable without a reason: write ${OPEN_COMMENT} eng-disable CHECK */ // why it is safe`);
    });
  }
  return problems;
}

function literalValue(node: ts.Expression): boolean | string | number | undefined {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  return undefined;
}

function webPreferencesDrift(mainSource: string): string[] {
  const file = ts.createSourceFile('main.ts', mainSource, ts.ScriptTarget.Latest, true);
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const windows: ts.NewExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText(file) === 'BrowserWindow') windows.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (windows.length === 0) return ['main.ts opens no `new BrowserWindow({...})` whose webPreferences could be checked'];

  return windows.flatMap((window) => {
    const options = window.arguments?.[0];
    const property = options && ts.isObjectLiteralExpression(options)
      ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === 'webPreferences')
      : undefined;
    if (!property || !ts.isObjectLiteralExpression(property.initializer)) {
      return [`main.ts:${lineOf(window)} a BrowserWindow without an object literal for webPreferences`];
    }
    const problems: string[] = [];
    const literals: Record<string, unknown> = {};
    for (const element of property.initializer.properties) {
      const where = `main.ts:${lineOf(element)}`;
      if (!ts.isPropertyAssignment(element)) {
        problems.push(`${where} webPreferences has \`${element.getText(file)}\`, which the scanner cannot read: spell each value out`);
        continue;
      }
      const key = element.name.getText(file);
      const value = literalValue(element.initializer);
      const runtime = RUNTIME_PREFERENCES[key];
      if (runtime) {
        if (!runtime.test(element.initializer.getText(file))) problems.push(`${where} webPreferences.${key} must be ${runtime.source}`);
      } else if (value === undefined) {
        problems.push(`${where} webPreferences.${key} is not a literal the scanner can read`);
      } else {
        literals[key] = value;
      }
    }
    const expected: Record<string, unknown> = SECURE_WEB_PREFERENCES;
    for (const key of new Set([...Object.keys(expected), ...Object.keys(literals)])) {
      if (literals[key] !== expected[key]) {
        problems.push(`main.ts:${lineOf(property)} webPreferences.${key} is ${JSON.stringify(literals[key]) ?? 'missing'}, SECURE_WEB_PREFERENCES says ${JSON.stringify(expected[key]) ?? 'nothing'}`);
      }
    }
    return problems;
  });
}

async function gateProblems(root: string): Promise<string[]> {
  const [scanner, disables, mainSource] = await Promise.all([scannerProblems(root), unjustifiedDisables(root), readFile(path.join(root, 'main.ts'), 'utf8')]);
  return [...scanner, ...disables, ...webPreferencesDrift(mainSource)];
}

/** A copy of electron/ with main.ts rewritten; every replacement must apply, or the test would prove nothing. */
async function copyWithMain(copies: string[], replacements: [string | RegExp, string][]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'closeout-eng-'));
  copies.push(root);
  await cp(ELECTRON_DIR, root, { recursive: true });
  let source = await readFile(path.join(root, 'main.ts'), 'utf8');
  for (const [from, to] of replacements) {
    const changed = source.replace(from, to);
    if (changed === source) throw new Error(`main.ts no longer contains ${String(from)}`);
    source = changed;
  }
  await writeFile(path.join(root, 'main.ts'), source);
  return root;
}

const copies: string[] = [];
let source: string[];
let nodeIntegrationOn: string[];
let sandboxOffPreloadUnexplained: string[];

beforeAll(async () => {
  // One scan per tree, all at once: most of a scan's time is the scanner waiting on the network it cannot reach.
  [source, nodeIntegrationOn, sandboxOffPreloadUnexplained] = await Promise.all([
    gateProblems(ELECTRON_DIR),
    copyWithMain(copies, [['nodeIntegration: false,', 'nodeIntegration: true,']]).then(gateProblems),
    copyWithMain(copies, [
      ['sandbox: true,', 'sandbox: false,'],
      [`${OPEN_COMMENT} eng-disable PRELOAD_JS_CHECK */`, ''],
    ]).then(gateProblems),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(copies.map((copy) => rm(copy, { recursive: true, force: true })));
});

describe('the electronegativity gate', () => {
  it('finds nothing in electron/ that an inline justification does not explain', () => {
    expect(source).toEqual([]);
  });

  it('fails when main.ts turns nodeIntegration on, even with the sandbox still on', () => {
    expect(nodeIntegrationOn).toContainEqual(expect.stringMatching(/^main\.ts:\d+ webPreferences\.nodeIntegration is true, SECURE_WEB_PREFERENCES says false$/));
  });

  it('fails on the scanner\'s own findings: the sandbox turned off and a preload no longer justified', () => {
    expect(sandboxOffPreloadUnexplained).toContainEqual(expect.stringMatching(/^main\.ts:\d+ SANDBOX_JS_CHECK: /));
    expect(sandboxOffPreloadUnexplained).toContainEqual(expect.stringMatching(/^main\.ts:\d+ PRELOAD_JS_CHECK: /));
  });

  it('refuses a disable without a reason, and one on a first line that would cover the whole file', async () => {
    const root = await copyWithMain(copies, [[/(PRELOAD_JS_CHECK \*\/).*$/m, '$1']]);
    const firstLine = `${OPEN_COMMENT} eng-disable SANDBOX_JS_CHECK */ // reasons do not make a file-wide disable acceptable\n`;
    await writeFile(path.join(root, 'bootstrap.ts'), firstLine + (await readFile(path.join(root, 'bootstrap.ts'), 'utf8')));
    expect(await unjustifiedDisables(root)).toEqual([
      'bootstrap.ts:1 disables a check for the whole file; disable it on the flagged line',
      expect.stringMatching(/^main\.ts:\d+ has an eng-disable without a reason/),
    ]);
  });

  it('refuses webPreferences spread from a constant, as the scanner cannot see through it', () => {
    const spread = 'new BrowserWindow({ webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: !app.isPackaged } });';
    expect(webPreferencesDrift(spread)).toContainEqual(expect.stringMatching(/^main\.ts:1 webPreferences has `\.\.\.SECURE_WEB_PREFERENCES`/));
  });
});
