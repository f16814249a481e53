import { Readable } from 'node:stream';
import { CapturedOutput } from './fakeStreams.testkit';
import { runCli } from './run';
import type { CloseoutRun, CloseoutRunner } from './spawnCloseout.testkit';

/**
 * The command line run inside the test's own process against the real core: the same parsing, core, journal,
 * keychain and output as bin/closeout.mjs, without a process start (about a second of CPU each). Piped input and no
 * terminal, as a script gives it. Only what needs a process of its own (a kill, a lease held by another pid, the bin
 * wrapper itself) is left to closeoutRunner.
 */
export function inProcessRunner(dataDir: () => string): Pick<CloseoutRunner, 'run' | 'outputs'> {
  const outputs: string[] = [];
  const run: CloseoutRunner['run'] = async (args, options = {}) => {
    const stdout = new CapturedOutput();
    const stderr = new CapturedOutput();
    const stdin = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]);
    const env = { ...process.env, ...options.env };
    const code = await runCli({ argv: ['--data-dir', dataDir(), ...args], env, stdin, stdout, stderr });
    outputs.push(stdout.text, stderr.text);
    const result: CloseoutRun = { code, signal: null, stdout: stdout.text, stderr: stderr.text };
    return result;
  };
  return { run, outputs };
}
