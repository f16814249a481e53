import { UsageError } from './args';
import { CommandFailure, type CommandContext } from './context';
import { askLine, type Terminal } from './prompts';

/**
 * Decided before anything is read from the broker. Returns null when --yes gave consent, the terminal to ask on when
 * there is one, and refuses otherwise, so a script that forgot --yes never runs anything destructive by accident.
 */
export function consentPrompt(ctx: CommandContext, action: string): Terminal | null {
  if (ctx.yes) return null;
  if (ctx.terminal) return ctx.terminal;
  throw new UsageError(`refusing to ${action} without confirmation: pass --yes`, ctx.topic, '--yes');
}

/** Shows exactly what will be sent and waits for the expected answer: "yes", or the account number for whole accounts. */
export async function askConsent(terminal: Terminal, description: string, expected: { accountNumber: string } | 'yes'): Promise<void> {
  const question =
    expected === 'yes'
      ? `${description} Type yes to confirm: `
      : `${description} Type the account number (${expected.accountNumber}) to confirm: `;
  const answer = await askLine(terminal, question);
  const confirmed = expected === 'yes' ? answer?.toLowerCase() === 'yes' : answer === expected.accountNumber;
  if (confirmed) return;
  throw new CommandFailure({ code: 'precondition_failed', outcome: 'not_sent', retryable: false, message: 'Not confirmed: nothing was sent.' });
}
