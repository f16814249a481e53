import { ipcMain, type WebContents } from 'electron';
import type { PushEvent, PushEvents } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { Dispatch } from './core/dispatcher';
import { INVOKE_CHANNEL, pushChannel } from './ipcChannels';
import { isTrustedSender } from './windowSecurity';

/** The one IPC wrapper: a call from any frame but the app's own page is refused before the dispatcher sees it. */
export function registerIpc(dispatch: Dispatch, rendererIndexUrl: string): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererIndexUrl)) {
      const refused = new AppError({ code: 'validation', field: 'sender', outcome: 'not_sent', message: 'sender is not the Closeout window' });
      return { ok: false, error: refused.toShape() };
    }
    return dispatch(channel, payload);
  });
}

export function push<E extends PushEvent>(target: WebContents | undefined, event: E, payload: PushEvents[E]): void {
  if (target && !target.isDestroyed()) target.send(pushChannel(event), payload);
}
