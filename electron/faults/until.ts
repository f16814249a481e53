import type { RunningCloseout } from '../cli/spawnCloseout.testkit';

// Waiting on a condition instead of sleeping a fixed time: as quick as the machine allows, and as patient as it needs.

const POLL_MS = 10;

/**
 * Resolves once `check` holds. Fails naming `what` after `timeoutMs`, or at once when `running` (the command that
 * should bring the condition about) ends first, with what it printed.
 */
export async function until(what: string, check: () => boolean, options: { timeoutMs: number; running?: RunningCloseout }): Promise<void> {
  const command: { ended: string | null } = { ended: null };
  void options.running?.finished.then(
    (run) => (command.ended = `it exited with ${run.code ?? run.signal}:\n${run.stdout}${run.stderr}`),
    (error: unknown) => (command.ended = String(error)),
  );
  const deadline = Date.now() + options.timeoutMs;
  while (!check()) {
    if (command.ended !== null) throw new Error(`waiting for ${what}, but the command ended first: ${command.ended}`);
    if (Date.now() > deadline) throw new Error(`waited ${options.timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
