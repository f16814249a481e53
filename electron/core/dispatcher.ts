import type { ZodError } from 'zod';
import { contract, isChannel, type Channel, type Envelope } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Dispatch, Handlers } from './handlers';

/**
 * The one entry from an untrusted caller into the core: the channel must be in the contract and the payload must pass
 * its schema before any handler runs; whatever happens, the answer is an envelope, never a thrown error.
 */
export function createDispatcher(handlers: Handlers, onUnexpected: (error: unknown, channel: Channel) => void = () => {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return failure(new AppError({ code: 'validation', field: 'channel', outcome: 'not_sent', message: 'channel is not a channel of the contract' }));
    }
    const parsed = contract[channel].request.safeParse(payload);
    if (!parsed.success) return failure(fromZodError(parsed.error));
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return failure(error);
      onUnexpected(error, channel);
      return failure(new AppError({ code: 'internal', message: 'Closeout hit an unexpected error; nothing more is known about this request.' }));
    }
  };
}

function failure(error: AppError): Envelope<never> {
  return { ok: false, error: error.toShape() };
}

function fromZodError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  const rule = issue?.code === 'unrecognized_keys' ? `has unknown fields: ${issue.keys.join(', ')}` : (issue?.message ?? 'is invalid');
  return new AppError({ code: 'validation', field, outcome: 'not_sent', message: `${field} ${rule}` });
}
