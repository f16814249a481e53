import type { Envelope } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Dispatch } from './core/handlers';
import { isTrustedSender } from './windowSecurity';

/** The part of Electron's IpcMainInvokeEvent the handler reads. */
export interface InvokeEvent {
  senderFrame?: { url: string } | null;
}

export type InvokeHandler = (event: InvokeEvent, channel: unknown, payload: unknown) => Promise<Envelope<unknown>>;

/** The one IPC wrapper: a call from any frame but the app's own page is refused before the dispatcher sees it. */
export function createInvokeHandler(dispatch: Dispatch, rendererIndexUrl: string): InvokeHandler {
  return async (event, channel, payload) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererIndexUrl)) {
      const refused = new AppError({ code: 'validation', field: 'sender', outcome: 'not_sent', message: 'sender is not the Closeout window' });
      return { ok: false, error: refused.toShape() };
    }
    return dispatch(channel, payload);
  };
}
