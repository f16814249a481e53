import { contract, type Channel, type ParsedRequestOf, type PushEvent, type PushEvents, type RequestOf, type ResponseOf } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/errors';
import type { ProgressStore } from '../core/windDown/progressStore';
import type { Dispatch } from '../core/handlers';
import type { Topic } from './args';
import type { ExitCode } from './exitCodes';
import type { Terminal } from './prompts';

export interface CommandContext {
  dispatch: Dispatch;
  /** Where wind-down keeps its runs: the journal the core uses. */
  windDownProgress: ProgressStore;
  dataDir: string;
  /** --yes: consent given on the command line. */
  yes: boolean;
  /** Set when stdin is a terminal: questions can be asked. */
  terminal: Terminal | null;
  stdin: NodeJS.ReadableStream;
  /** Hears the core's pushes (a bulk run's progress) until the returned function is called. */
  onPush?<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  topic: Topic;
}

/** What a command produced: the JSON document for --json, the text for a person, and how the process exits. */
export interface CommandResult {
  value: unknown;
  human: string;
  exitCode: ExitCode;
}

/** The core (or the command itself) said no: carries the error exactly as the core shapes it. */
export class CommandFailure extends Error {
  constructor(readonly error: AppErrorShape) {
    super(error.message);
    this.name = 'CommandFailure';
  }
}

/** One call into the core through the same dispatcher (and so the same validation) the app window uses. */
export async function call<C extends Channel>(ctx: Pick<CommandContext, 'dispatch'>, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await ctx.dispatch(channel, request);
  if (!envelope.ok) throw new CommandFailure(envelope.error);
  return envelope.data as ResponseOf<C>;
}

/**
 * The core's own validation, run before a person is asked to confirm: an invalid request is dispatched as it is, so the
 * error is the core's word for word, and the dispatcher refuses it before any handler runs.
 */
export async function validated<C extends Channel>(ctx: Pick<CommandContext, 'dispatch'>, channel: C, request: RequestOf<C>): Promise<ParsedRequestOf<C>> {
  const parsed = contract[channel].request.safeParse(request);
  if (parsed.success) return parsed.data as ParsedRequestOf<C>;
  await call(ctx, channel, request);
  throw new Error(`the core accepted a ${channel} request that its own schema rejects`);
}
