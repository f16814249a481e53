import type { CloseoutBridge } from '../../shared/bridge';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import { AppError, ERROR_CODES, type AppErrorShape } from '../../shared/errors';

export type Call = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;

function isErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const shape = value as Partial<AppErrorShape>;
  return typeof shape.message === 'string' && (ERROR_CODES as readonly string[]).includes(shape.code as string);
}

/**
 * Calls one channel of the main process and unwraps its envelope: the data, or a typed AppError the UI can branch on
 * by code. A bridge that is missing or answers out of contract becomes an 'internal' AppError too, so callers handle
 * exactly one error type.
 */
export function createCall(getBridge: () => CloseoutBridge | undefined): Call {
  return async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const bridge = getBridge();
    if (!bridge) throw new AppError({ code: 'internal', message: 'Closeout cannot reach its main process: the bridge is missing.' });
    let envelope: unknown;
    try {
      envelope = await bridge.invoke(channel, request);
    } catch {
      // A destructive request may have left before the bridge failed: say so rather than guess.
      throw new AppError({ code: 'internal', message: `The main process did not answer ${channel}.`, outcome: 'unknown' });
    }
    if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
      if (envelope.ok === true && 'data' in envelope) return envelope.data as ResponseOf<C>;
      if (envelope.ok === false && 'error' in envelope && isErrorShape(envelope.error)) throw AppError.from(envelope.error);
    }
    throw new AppError({ code: 'internal', message: `The main process answered ${channel} out of contract.`, outcome: 'unknown' });
  };
}

export const call: Call = createCall(() => (typeof window === 'undefined' ? undefined : window.closeout));

/** Any thrown value as an AppError, so the UI branches on codes and never on message text. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError({ code: 'internal', message: error instanceof Error ? error.message : 'Unexpected error.' });
}
