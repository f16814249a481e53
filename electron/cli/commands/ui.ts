import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors';
import type { AppCoreOptions } from '../../bootstrap';
import type { Dispatch } from '../../core/handlers';
import { resolveDataDir } from '../../core/paths';
import type { WebServer } from '../../webServer/webServer';
import type { UiCommand } from '../args';
import { CommandFailure } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';

const RENDERER_VARIABLE = 'CLOSEOUT_RENDERER_DIR';
const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export interface UiIO {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Resolves when the command is asked to stop (Ctrl-C, SIGTERM). */
  untilStopped(): Promise<void>;
}

export interface UiCore {
  dispatch: Dispatch;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the core on 127.0.0.1 until the command is stopped, printing the address (token
 * included) once, on stdout. Demo mode keeps everything in a folder of its own, removed at the end, with secrets in
 * memory: no saved connection and no keychain is touched. Only --real opens the data folder and the keychain.
 */
export async function serveUi(
  io: UiIO,
  command: UiCommand,
  options: { dataDir: string | undefined; json: boolean; version: string },
  startCore: (options: AppCoreOptions) => Promise<UiCore>,
): Promise<ExitCode> {
  const rendererDir = path.resolve(io.env[RENDERER_VARIABLE] || DEFAULT_RENDERER_DIR);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new CommandFailure({
      code: 'precondition_failed',
      retryable: false,
      message: `The app's page is not built in ${rendererDir}: run \`npm run build:renderer\` (npm start builds it), or set ${RENDERER_VARIABLE}.`,
    });
  }
  // Listened for from the start: a Ctrl-C that comes while the core starts, or just after the address is printed, must
  // still stop it in order (the core and the server closed, the demo folder removed), not kill it where it stands.
  const stopped = io.untilStopped();
  const [{ startWebServer }, { openInBrowser, systemOpener }, memory] = await Promise.all([
    import('../../webServer/webServer'),
    import('../../webServer/openBrowser'),
    command.real ? null : Promise.all([import('../../core/credentials/memoryVault'), import('../../core/credentials/auditKeyStore')]),
  ]);
  const demoDir = memory ? await mkdtemp(path.join(os.tmpdir(), 'closeout-ui-demo-')) : null;
  const cleanups: Array<() => Promise<void>> = demoDir ? [() => rm(demoDir, { recursive: true, force: true })] : [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    // The core starts first (the server needs its dispatcher); its pushes wait for the server.
    const live: { server?: WebServer } = {};
    const core = await startCore({
      dataDir: demoDir ?? resolveDataDir(options.dataDir, io.env),
      version: options.version,
      demo: memory !== null,
      ...(memory ? { vault: memory[0].createMemoryVault(), auditKeys: memory[1].createMemoryAuditKeys() } : {}),
      emit: (event, payload) => live.server?.push(event, payload),
      onUnexpectedError: (error) => io.stderr.write(`Unexpected error in the core: ${error instanceof Error ? error.message : 'unknown'}\n`),
    }).catch((error: unknown) => {
      // A journal that cannot be opened (a full disk, a read-only folder) is the core's own error, not a crash.
      throw error instanceof AppError ? new CommandFailure(error.toShape()) : error;
    });
    cleanups.push(() => core.close());
    const server = await startWebServer({ rendererDir, dispatch: core.dispatch, multiClient: command.multiClient });
    live.server = server;
    cleanups.push(server.close);

    io.stdout.write(options.json ? `${JSON.stringify({ url: server.url, origin: server.origin, demo: !command.real })}\n` : startText(server.url, command));
    if (command.open) {
      const removeRedirect = await openInBrowser(server.url, systemOpener(process.platform, io.env));
      if (removeRedirect) cleanups.push(removeRedirect);
    }
    await stopped;
    return EXIT.done;
  } finally {
    await cleanUp();
  }
}

function startText(url: string, command: UiCommand): string {
  const mode = command.real
    ? 'Closeout is serving your saved connections (--real): their secrets stay in the keychain, but any program on this machine that has the address below can act on those accounts while this runs.'
    : 'Closeout is serving demo mode: simulated brokers on loopback, nothing read from the keychain, nothing kept after it stops.';
  return `${mode}\n\n  ${url}\n\nOpen that address in a browser on this machine; it holds the token and is printed only here. Ctrl-C stops Closeout.\n`;
}
