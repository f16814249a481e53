import { describe, expect, it } from 'vitest';
import { REFUSALS } from '../../shared/webBridge';
import { connectWebBridge, type PageEnvironment } from './webBridge';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A page at the served address, with a fetch that answers as the server would (or with `eventsStatus` for the stream). */
function pageAt(hash: string, options: { eventsStatus?: number; invokeStatus?: number; stored?: string } = {}) {
  const sent: Sent[] = [];
  const storage = new Map<string, string>(options.stored ? [['closeout.token', options.stored]] : []);
  const replaced: string[] = [];
  let push: ((line: string) => void) | undefined;
  const fetchFn = (async (url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string>, body: init.body as string | undefined });
    if (url === '/api/events') {
      if (options.eventsStatus) return new Response(null, { status: options.eventsStatus });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (line) => controller.enqueue(new TextEncoder().encode(line));
          push('{"session":"s-1"}\n');
        },
      });
      return new Response(stream);
    }
    if (options.invokeStatus) return new Response('refused', { status: options.invokeStatus });
    return Response.json({ ok: true, data: { demo: true, version: 't' } });
  }) as typeof fetch;
  const page: PageEnvironment = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_state, _unused, url) => void replaced.push(String(url)) },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
    fetch: fetchFn,
  };
  return { page, sent, storage, replaced, push: (line: string) => push?.(line) };
}

describe('the web bridge', () => {
  it('takes the token from the address, clears it from the address bar, and sends it with the session on every call', async () => {
    const h = pageAt('#token=abc');
    const bridge = await connectWebBridge(h.page);
    expect(h.replaced).toEqual(['/']);
    expect(h.storage.get('closeout.token')).toBe('abc');
    expect(await bridge.invoke('app:info', {})).toEqual({ ok: true, data: { demo: true, version: 't' } });
    expect(h.sent.map((s) => [s.url, s.headers.authorization])).toEqual([
      ['/api/events', 'Bearer abc'],
      ['/api/invoke', 'Bearer abc'],
    ]);
    expect(h.sent[1]?.headers['x-closeout-session']).toBe('s-1');
    expect(JSON.parse(h.sent[1]?.body ?? '')).toEqual({ channel: 'app:info', request: {} });
  });

  it('finds the token kept for the tab after a reload', async () => {
    const h = pageAt('', { stored: 'kept' });
    await connectWebBridge(h.page);
    expect(h.sent[0]?.headers.authorization).toBe('Bearer kept');
  });

  it('refuses to start without a token, saying to open the whole printed address', async () => {
    await expect(connectWebBridge(pageAt('').page)).rejects.toThrow(REFUSALS[401]);
  });

  it('says so when another tab holds the session, after asking again for a moment', async () => {
    const h = pageAt('#token=abc', { eventsStatus: 409 });
    await expect(connectWebBridge(h.page)).rejects.toThrow(REFUSALS[409]);
    expect(h.sent.length).toBeGreaterThan(1);
  });

  it('answers a refused call as an error that sent nothing', async () => {
    const bridge = await connectWebBridge(pageAt('#token=abc', { invokeStatus: 401 }).page);
    expect(await bridge.invoke('app:info', {})).toEqual({ ok: false, error: { code: 'internal', retryable: false, outcome: 'not_sent', message: REFUSALS[401] } });
  });

  it("hands each push to the event's listeners", async () => {
    const h = pageAt('#token=abc');
    const bridge = await connectWebBridge(h.page);
    const seen: unknown[] = [];
    bridge.on('action:progress', (payload) => seen.push(payload));
    const payload = { actionId: 'a', connection: 'c', accountId: 'x', done: 1, total: 2 };
    h.push(`${JSON.stringify({ event: 'action:progress', payload })}\n\n`);
    await expect.poll(() => seen).toEqual([payload]);
  });
});
