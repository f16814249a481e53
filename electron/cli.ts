import { runCli } from './cli/run';

/** The `closeout` command (bin/closeout.mjs): runs the command line, lets the output drain, then exits with its code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const exitCode = await runCli({ argv, env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  // Exits explicitly: an idle keep-alive socket or the keychain's D-Bus connection must not hold the command open.
  process.exit(exitCode);
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
