import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// A long-lived Node process running one of the fault suite's worker scripts through tsx, so it uses the real journal
// code: the test writes one JSON line per round to its stdin and reads one JSON line back per answer. Starting six
// processes once and driving them through fifty rounds is much faster than three hundred process starts.

export interface LineWorker {
  pid: number;
  send(message: unknown): void;
  /** The next line the worker prints, parsed; rejects if the worker ends or stays silent for `timeoutMs`. */
  next<T>(timeoutMs: number): Promise<T>;
  /** Ends its input, so it closes its journal and exits; one still running after `timeoutMs` is killed. */
  stop(timeoutMs: number): Promise<void>;
}

export function startLineWorker(script: string, args: readonly string[]): LineWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${script} did not start`);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  createInterface({ input: child.stdout })
    .on('line', (line) => {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    })
    .on('close', () => {
      ended = true;
      for (const waiter of waiting.splice(0)) waiter(null);
    });

  return {
    pid: child.pid,
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    next<T>(timeoutMs: number) {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(JSON.parse(line) as T);
      if (ended) return Promise.reject(new Error(`${script} ended: ${stderr}`));
      return new Promise<T>((resolve, reject) => {
        const waiter = (answer: string | null) => {
          clearTimeout(timer);
          if (answer === null) reject(new Error(`${script} ended: ${stderr}`));
          else resolve(JSON.parse(answer) as T);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new Error(`${script} (pid ${child.pid}) said nothing for ${timeoutMs} ms: ${stderr}`));
        }, timeoutMs);
        waiting.push(waiter);
      });
    },
    stop: async (timeoutMs) => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
