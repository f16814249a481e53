import type { ActionState } from '../../shared/actions';
import type { AppErrorShape } from '../../shared/errors';

/** The exit codes scripts rely on; part of the command's public interface. */
export const EXIT = {
  done: 0,
  /** The broker or the core refused, or the call failed: nothing more happened than the message says. */
  refused: 1,
  /** The command line or an input value was wrong; nothing was sent. */
  usage: 2,
  /** A destructive request may or may not have reached the broker. */
  unknown: 3,
  /** A wind-down is parked: what is left waits (sale proceeds to settle, cash to leave); resume it later. */
  parked: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeForError(error: AppErrorShape): ExitCode {
  if (error.code === 'outcome_unknown' || error.outcome === 'unknown') return EXIT.unknown;
  if (error.code === 'validation') return EXIT.usage;
  return EXIT.refused;
}

/** A receipt that came back is done, unless some part of it was refused or its outcome is unknown (unknown wins). */
export function exitCodeForStates(states: readonly ActionState[]): ExitCode {
  if (states.includes('unknown')) return EXIT.unknown;
  if (states.includes('rejected')) return EXIT.refused;
  return EXIT.done;
}
