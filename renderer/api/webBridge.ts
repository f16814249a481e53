import { createBridge, type CloseoutBridge } from '../../shared/bridge';
import type { Envelope, PushEvent } from '../../shared/contract';
import { EVENTS_PATH, INVOKE_PATH, REFUSALS, SESSION_HEADER, TOKEN_FRAGMENT_KEY, type PushLine, type RefusalStatus, type SessionLine } from '../../shared/webBridge';

const TOKEN_KEY = 'closeout.token';
// A reload opens the new session before the server has seen the old page's stream close: ask again for a moment.
const SESSION_ATTEMPTS = 6;
const SESSION_RETRY_MS = 400;

/** The server (or the address) did not let this page in: why, in words a person can act on. */
export class WebBridgeRefused extends Error {
  override name = 'WebBridgeRefused';
}

/** What the web bridge needs of the page, so it is tested without one. */
export interface PageEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  fetch: typeof fetch;
}

type Listener = (payload: unknown) => void;

/**
 * window.closeout for the page `closeout ui` serves, where there is no preload: the same createBridge over same-origin
 * POSTs carrying the token, with the core's pushes arriving on the session's events stream.
 */
export async function connectWebBridge(page: PageEnvironment): Promise<CloseoutBridge> {
  const token = takeToken(page);
  const authorization = `Bearer ${token}`;
  const listeners = new Map<PushEvent, Set<Listener>>();
  const events = await openEvents(page.fetch, authorization);
  const session = await readSession(events, (line) => {
    for (const listener of listeners.get(line.event as PushEvent) ?? []) listener(line.payload);
  });

  return createBridge(
    async (channel, request) => {
      const response = await page.fetch(INVOKE_PATH, {
        method: 'POST',
        headers: { authorization, [SESSION_HEADER]: session, 'content-type': 'application/json' },
        body: JSON.stringify({ channel, request }),
      });
      if (response.ok || response.status === 400) return (await response.json()) as Envelope<unknown>;
      // Refused before the dispatcher: nothing was sent anywhere.
      return { ok: false, error: { code: 'internal', retryable: false, outcome: 'not_sent', message: refusalWords(response.status) } };
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
}

/** The token from the address's fragment, which is then removed from the address bar; a reload finds it kept for the tab. */
function takeToken(page: PageEnvironment): string {
  const fromAddress = new URLSearchParams(page.location.hash.replace(/^#/, '')).get(TOKEN_FRAGMENT_KEY);
  if (fromAddress) {
    page.storage.setItem(TOKEN_KEY, fromAddress);
    page.history.replaceState(null, '', `${page.location.pathname}${page.location.search}`);
    return fromAddress;
  }
  const kept = page.storage.getItem(TOKEN_KEY);
  if (!kept) throw new WebBridgeRefused(REFUSALS[401]);
  return kept;
}

async function openEvents(fetchFn: typeof fetch, authorization: string): Promise<ReadableStream<Uint8Array>> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetchFn(EVENTS_PATH, { method: 'POST', headers: { authorization } });
    if (response.ok && response.body) return response.body;
    if (response.status !== 409 || attempt >= SESSION_ATTEMPTS) throw new WebBridgeRefused(refusalWords(response.status));
    await new Promise((resolve) => setTimeout(resolve, SESSION_RETRY_MS));
  }
}

/** Reads the session line, then keeps reading pushes in the background for as long as the stream lasts. */
async function readSession(stream: ReadableStream<Uint8Array>, onPush: (line: PushLine) => void): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let session: string | undefined;
  const nextLine = async (): Promise<string | null> => {
    for (;;) {
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line !== '') return line;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffered += decoder.decode(value, { stream: true });
    }
  };
  const first = await nextLine();
  if (first !== null) session = (JSON.parse(first) as SessionLine).session;
  if (!session) throw new WebBridgeRefused('Closeout ended the session before it began: start `closeout ui` again.');
  void (async () => {
    for (let line = await nextLine(); line !== null; line = await nextLine()) onPush(JSON.parse(line) as PushLine);
  })().catch(() => undefined);
  return session;
}

function refusalWords(status: number): string {
  return status in REFUSALS ? REFUSALS[status as RefusalStatus] : `Closeout's server refused the call (HTTP ${status}); nothing was sent.`;
}
