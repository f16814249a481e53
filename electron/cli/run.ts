import { readFile } from 'node:fs/promises';
import type { AppCore, AppCoreOptions } from '../bootstrap';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { JournalStores } from '../core/journal';
import type { AuditLog } from '../core/journal/auditChain';
import { resolveDataDir } from '../core/paths';
import { parseArgs, UsageError, type Command, type Invocation } from './args';
import { showAudit } from './commands/audit';
import { cancelOrder } from './commands/cancel';
import { closePosition } from './commands/close';
import { closeAccount } from './commands/closeAccount';
import { closeAllPositions } from './commands/closeAll';
import { windDown } from './commands/windDown';
import { flatten } from './commands/flatten';
import { addConnection, editConnection, listConnections, removeConnection, rotateConnection, testConnection } from './commands/connections';
import { listAccounts, listOrders, listPositions } from './commands/reads';
import { serveUi } from './commands/ui';
import { CommandFailure, type CommandContext, type CommandResult } from './context';
import { EXIT, exitCodeForError, type ExitCode } from './exitCodes';
import { writeError, writeResult, writeUsageError } from './output';
import type { KeyboardInput } from './prompts';
import { createSettlementWatch, settleUnknown, settleWaitMs } from './settle';
import { helpText } from './usage';

export interface CliIO {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Resolves when the command is asked to stop; `closeout ui` runs until then. Ctrl-C and SIGTERM unless given. */
  untilStopped?: () => Promise<void>;
}

/** What a command needs of the core: its dispatcher, the wind-down runs and a way to stop it. */
export type StartCore = (options: AppCoreOptions) => Promise<Pick<AppCore, 'dispatch' | 'windDownProgress' | 'close'>>;

const TIMEOUT_VARIABLE = 'CLOSEOUT_BROKER_TIMEOUT_MS';

// Loaded only for commands that reach a broker, so --help and usage errors answer without loading the core.
const startRealCore: StartCore = async (options) => (await import('../bootstrap')).startAppCore(options);

/** Runs one command line to the end and returns the exit code; everything it prints goes to io's streams. */
export async function runCli(io: CliIO, startCore: StartCore = startRealCore): Promise<ExitCode> {
  // Known before parsing, so even a malformed command line answers in JSON when JSON was asked for.
  const json = io.argv.includes('--json');
  let invocation: Invocation;
  try {
    invocation = parseArgs(io.argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    writeUsageError(io, json, error.message, error.topic, error.field);
    return EXIT.usage;
  }

  const { command } = invocation;
  if (command.name === 'help') {
    io.stdout.write(`${helpText(command.topic)}\n`);
    return EXIT.done;
  }
  if (command.name === 'version') {
    io.stdout.write(`${await packageVersion()}\n`);
    return EXIT.done;
  }

  try {
    if (command.name === 'ui') {
      const options = { dataDir: invocation.dataDir, json: invocation.json, version: await packageVersion() };
      return await serveUi({ ...io, untilStopped: io.untilStopped ?? untilSignalled }, command, options, startCore);
    }
    const result = await execute(io, invocation, command, startCore);
    writeResult(io, invocation.json, result);
    return result.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      writeUsageError(io, invocation.json, error.message, error.topic, error.field);
      return EXIT.usage;
    }
    if (error instanceof CommandFailure) {
      const exitCode = exitCodeForError(error.error);
      writeError(io, invocation.json, error.error, exitCode);
      return exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeError(io, invocation.json, { code: 'internal', retryable: false, message: `closeout hit an unexpected error: ${message}` }, EXIT.refused);
    return EXIT.refused;
  }
}

/**
 * Ctrl-C or SIGTERM, caught only by the command that runs until stopped, so the others still die of them at once. A
 * second signal (a terminal's Ctrl-C reaches npm start and this process both) does not cut the shutdown short.
 */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
}

async function execute(io: CliIO, invocation: Invocation, command: Exclude<Command, { name: 'help' | 'version' | 'ui' }>, startCore: StartCore): Promise<CommandResult> {
  const dataDir = resolveDataDir(invocation.dataDir, io.env);
  if (command.name === 'audit') return withJournal(dataDir, (audit) => showAudit(audit, command.show));

  const brokerTimeoutMs = brokerTimeout(io.env);
  const watch = invocation.settle ? createSettlementWatch() : null;
  const listeners = new Set<(event: PushEvent, payload: unknown) => void>();
  const emit = <E extends PushEvent>(event: E, payload: PushEvents[E]) => {
    watch?.emit(event, payload);
    for (const listener of listeners) listener(event, payload);
  };
  const core = await startCore({
    dataDir,
    version: await packageVersion(),
    demo: false,
    emit,
    brokerTimeoutMs,
  }).catch((error: unknown) => {
    // A journal that cannot be opened (a full disk, a read-only folder) is the core's own error, not a crash.
    throw error instanceof AppError ? new CommandFailure(error.toShape()) : error;
  });
  const stdin = io.stdin;
  const ctx: CommandContext = {
    dispatch: core.dispatch,
    windDownProgress: core.windDownProgress,
    dataDir,
    yes: invocation.yes,
    terminal: stdin.isTTY === true && typeof stdin.setRawMode === 'function' ? { input: stdin as KeyboardInput, output: io.stderr } : null,
    stdin,
    onPush: (event, listener) => {
      const heard = (name: PushEvent, payload: unknown) => {
        if (name === event) listener(payload as never);
      };
      listeners.add(heard);
      return () => listeners.delete(heard);
    },
    topic: command.name.startsWith('connections ') ? 'connections' : (command.name as Exclude<typeof command.name, `connections ${string}`>),
  };
  try {
    if (!watch) return await runCommand(ctx, command, io.stderr);
    const outcome = await runCommand(ctx, command, io.stderr).catch((error: unknown) => {
      if (error instanceof CommandFailure) return error;
      throw error;
    });
    return await settleUnknown(outcome, watch, io.stderr, settleWaitMs(brokerTimeoutMs));
  } finally {
    await core.close();
  }
}

function runCommand(ctx: CommandContext, command: Exclude<Command, { name: 'help' | 'version' | 'audit' | 'ui' }>, progress: NodeJS.WritableStream): Promise<CommandResult> {
  switch (command.name) {
    case 'connections add':
      return addConnection(ctx, command);
    case 'connections list':
      return listConnections(ctx);
    case 'connections remove':
      return removeConnection(ctx, command);
    case 'connections test':
      return testConnection(ctx, command);
    case 'connections rotate':
      return rotateConnection(ctx, command);
    case 'connections edit':
      return editConnection(ctx, command);
    case 'accounts':
      return listAccounts(ctx, command);
    case 'positions':
      return listPositions(ctx, command);
    case 'orders':
      return listOrders(ctx, command);
    case 'close':
      return closePosition(ctx, command);
    case 'close-all':
      return closeAllPositions(ctx, command);
    case 'cancel':
      return cancelOrder(ctx, command);
    case 'close-account':
      return closeAccount(ctx, command);
    case 'wind-down':
      return windDown(ctx, command, progress);
    case 'flatten':
      return flatten(ctx, command, progress);
  }
}

/** The audit trail alone: no core is started, so nothing reads a broker or settles anything on the way. */
async function withJournal(dataDir: string, use: (audit: AuditLog) => Promise<CommandResult>): Promise<CommandResult> {
  // Loaded here, like the core, so --help and usage errors answer without the native SQLite module.
  const [{ openJournalStores }, { createKeychainAuditKeys }, { importLegacyFiles }, { createJournalProgressStore }] = await Promise.all([
    import('../core/journal'),
    import('../core/credentials/auditKeyStore'),
    import('../core/journal/legacyImport'),
    import('../core/windDown/progressStore'),
  ]);
  let stores: JournalStores;
  try {
    stores = openJournalStores(dataDir, createKeychainAuditKeys());
  } catch (error) {
    if (error instanceof AppError) throw new CommandFailure(error.toShape());
    throw error;
  }
  try {
    await importLegacyFiles(stores, createJournalProgressStore(stores));
    return await use(stores.audit);
  } catch (error) {
    if (error instanceof AppError) throw new CommandFailure(error.toShape());
    throw error;
  } finally {
    stores.journal.close();
  }
}

/** A shorter broker timeout for scripts (and tests) that would rather hear "outcome unknown" sooner. */
function brokerTimeout(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[TIMEOUT_VARIABLE];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new UsageError(`${TIMEOUT_VARIABLE} must be a whole number of milliseconds above 0`, null, TIMEOUT_VARIABLE);
  return Number(raw);
}

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
