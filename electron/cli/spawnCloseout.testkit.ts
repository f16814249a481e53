import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

// Test support: the command in a child process, as a script would run it. By default the sources bundled once per
// test run (scripts/bundle-cli.mjs), which starts in a fifth of the CPU bin/closeout.mjs takes through tsx; with
// { bin: true } the real bin/closeout.mjs, so the entry a person runs is started too.

declare module 'vitest' {
  export interface ProvidedContext {
    closeoutBundle?: string;
  }
}

const BIN = fileURLToPath(new URL('../../bin/closeout.mjs', import.meta.url));

/** The bundle vitest's global setup wrote; the real bin where a run has none (a config without that setup). */
function entry(bin: boolean): string {
  if (bin) return BIN;
  // The bundle is built by vitest's setup; Playwright specs (e2e/webui.spec.ts) have no vitest state to ask.
  if (process.env.VITEST === undefined) return BIN;
  return inject('closeoutBundle') ?? BIN;
}

export const KEYCHAIN_READY = process.env.CLOSEOUT_SECRET_SERVICE === 'private';
export const KEYCHAIN_REASON = 'needs the private Secret Service: run under node scripts/with-secret-service.mjs';

export interface CloseoutRun {
  code: number | null;
  /** The signal that ended it, when one did (a kill -9 is 'SIGKILL'). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CloseoutOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * A command still running after this long is killed and its run rejects with what it printed so far. On a busy
   * machine a start alone can take seconds, so give it generously; without it the run waits as long as it takes.
   */
  timeoutMs?: number;
}

/** A command still running: its pid, what it has printed so far, its end, and a way to kill it as a crash would. */
export interface RunningCloseout {
  pid: number;
  output(): { stdout: string; stderr: string };
  finished: Promise<CloseoutRun>;
  kill(signal?: NodeJS.Signals): void;
}

export interface CloseoutRunner {
  run(args: string[], options?: CloseoutOptions): Promise<CloseoutRun>;
  start(args: string[], options?: CloseoutOptions): RunningCloseout;
  /** Everything every run printed, for the secret-leak checks. */
  outputs: string[];
}

export function closeoutRunner(dataDir: () => string, how: { bin?: boolean } = {}): CloseoutRunner {
  const outputs: string[] = [];
  const start = (args: string[], options: CloseoutOptions = {}): RunningCloseout => {
    const child = spawn(process.execPath, [entry(how.bin === true), '--data-dir', dataDir(), ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const finished = new Promise<CloseoutRun>((resolve, reject) => {
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              child.kill('SIGKILL');
              reject(new Error(`closeout ${args.join(' ')} still ran after ${options.timeoutMs} ms; it printed:\n${stdout}${stderr}`));
            }, options.timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        outputs.push(stdout, stderr);
        resolve({ code, signal, stdout, stderr });
      });
    });
    // A child killed before it read its input closes stdin under the write; that is the kill, not a failure.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    if (child.pid === undefined) throw new Error('closeout did not start');
    return { pid: child.pid, output: () => ({ stdout, stderr }), finished, kill: (signal = 'SIGKILL') => child.kill(signal) };
  };
  return { outputs, start, run: (args, options) => start(args, options).finished };
}

/** The exit and everything a run printed, for an assertion's message. */
export function printed(run: CloseoutRun): string {
  return `exit ${run.code ?? run.signal}\n${run.stdout}${run.stderr}`;
}

export function parseJson<T>(run: CloseoutRun): T {
  return JSON.parse(run.stdout) as T;
}
