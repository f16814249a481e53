import type { ServerResponse } from 'node:http';
import type { Dispatch } from '../../electron/core/handlers';
import { requestPath, sendRendererFile } from '../../electron/webServer/rendererFiles';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { readBodyText, writeResponse } from '../../sim/shared/http';
import { listen, type RunningServer } from '../../sim/shared/listen';
import { CLOCK_PATH, EVENTS_PATH, INVOKE_PATH, LEFT_CORE_HEADER } from './invokePath';

const epochNow = () => performance.timeOrigin + performance.now();

export interface BenchServer extends RunningServer {
  /** Sends one of the core's pushes to the page; held until a page reads the events, so none is lost to a race. */
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
}

/**
 * The production renderer build with the app's CSP and, on the same origin (the CSP's connect-src 'self'), the core's
 * dispatch as one POST. The bridge's answers reach the page the way Electron's IPC delivers them: as bytes off the
 * main thread, leaving only the parse to it. (page.exposeBinding would add the DevTools
 * protocol's own main-thread cost, about 100 ms for a 10,000-position answer, which the app never pays.)
 * Each answer carries the moment the core had it, so the page can time from there: the hand-over is part of the cost.
 * Pages that want the core's pushes read them from EVENTS_PATH (pushStream.ts).
 */
export async function serveRendererAndCore(root: string, dispatch: Dispatch): Promise<BenchServer> {
  const readers = new Set<ServerResponse>();
  let held: string[] = [];
  const server = await listen({ host: '127.0.0.1', port: 0 }, async (request, response) => {
    const pathname = requestPath(request.url);
    if (pathname === INVOKE_PATH && request.method === 'POST') {
      const { channel, request: payload } = JSON.parse(await readBodyText(request)) as { channel: unknown; request: unknown };
      const answer = await dispatch(channel, payload);
      writeResponse(response, { status: 200, headers: { [LEFT_CORE_HEADER]: String(epochNow()) }, body: answer });
      return;
    }
    if (pathname === CLOCK_PATH) {
      writeResponse(response, { status: 200, body: { now: epochNow() } });
      return;
    }
    if (pathname === EVENTS_PATH && request.method === 'POST') {
      response.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      response.flushHeaders();
      for (const line of held) response.write(line);
      held = [];
      readers.add(response);
      response.on('close', () => readers.delete(response));
      return;
    }
    await sendRendererFile(root, pathname ?? '/', response);
  });
  return {
    ...server,
    push: (event, payload) => {
      const line = `${JSON.stringify({ event, payload })}\n`;
      if (readers.size === 0) held.push(line);
      for (const reader of readers) reader.write(line);
    },
  };
}
