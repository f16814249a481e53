import { describe, expect, it } from 'vitest';
import type { Dispatch } from './core/handlers';
import { createInvokeHandler, type InvokeEvent } from './ipcHandler';

const INDEX = 'file:///opt/Closeout/resources/app.asar/dist/renderer/index.html';

function recordingDispatch() {
  const calls: { channel: unknown; payload: unknown }[] = [];
  const dispatch: Dispatch = async (channel, payload) => {
    calls.push({ channel, payload });
    return { ok: true, data: { served: channel } };
  };
  return { dispatch, calls };
}

const FOREIGN_SENDERS: [string, InvokeEvent][] = [
  ['another file:// page', { senderFrame: { url: 'file:///tmp/evil.html' } }],
  ['a file:// page beside the app page', { senderFrame: { url: 'file:///opt/Closeout/resources/app.asar/dist/renderer/other.html' } }],
  ['an https page', { senderFrame: { url: 'https://example.com/' } }],
  ['an https page with the app page\'s path', { senderFrame: { url: 'https://example.com/opt/Closeout/resources/app.asar/dist/renderer/index.html' } }],
  ['a file URL with the right path on another host', { senderFrame: { url: 'file://evil.example/opt/Closeout/resources/app.asar/dist/renderer/index.html' } }],
  ['a frame already gone', { senderFrame: null }],
  ['an event without a frame', {}],
  ['a frame with an empty url', { senderFrame: { url: '' } }],
  ['a frame whose url is not a URL', { senderFrame: { url: 'index.html' } }],
];

describe('the IPC invoke handler', () => {
  it('serves the app page and passes channel and payload through unchanged', async () => {
    const { dispatch, calls } = recordingDispatch();
    const handle = createInvokeHandler(dispatch, INDEX);
    const payload = { connection: 'Desk', accountId: 'a-1' };
    expect(await handle({ senderFrame: { url: `${INDEX}#/positions` } }, 'positions:list', payload)).toEqual({ ok: true, data: { served: 'positions:list' } });
    expect(calls).toEqual([{ channel: 'positions:list', payload }]);
  });

  it.each(FOREIGN_SENDERS)('refuses %s with a validation envelope and never calls the dispatcher', async (_name, event) => {
    const { dispatch, calls } = recordingDispatch();
    const answer = await createInvokeHandler(dispatch, INDEX)(event, 'connections:list', {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'validation', field: 'sender', outcome: 'not_sent', retryable: false, message: 'sender is not the Closeout window' },
    });
    expect(calls).toEqual([]);
  });
});
