import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Test support: the real command (bin/closeout.mjs) in a child process, as a script would run it.

const BIN = fileURLToPath(new URL('../../bin/closeout.mjs', import.meta.url));

export const KEYCHAIN_READY = process.env.CLOSEOUT_SECRET_SERVICE === 'private';
export const KEYCHAIN_REASON = 'needs the private Secret Service: run under node scripts/with-secret-service.mjs';

export interface CloseoutRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CloseoutRunner {
  run(args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<CloseoutRun>;
  /** Everything every run printed, for the secret-leak checks. */
  outputs: string[];
}

export function closeoutRunner(dataDir: () => string): CloseoutRunner {
  const outputs: string[] = [];
  return {
    outputs,
    run: (args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, '--data-dir', dataDir(), ...args], {
          env: { ...process.env, ...options.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => {
          outputs.push(stdout, stderr);
          resolve({ code, stdout, stderr });
        });
        child.stdin.end(options.input ?? '');
      }),
  };
}

export function parseJson<T>(run: CloseoutRun): T {
  return JSON.parse(run.stdout) as T;
}
