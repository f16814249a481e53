import type { Dispatch } from '../../electron/core/handlers';
import { requestPath, sendRendererFile } from '../../electron/webServer/rendererFiles';
import { readBodyText, writeResponse } from '../../sim/shared/http';
import { listen, type RunningServer } from '../../sim/shared/listen';
import { INVOKE_PATH } from './invokePath';

/**
 * The production renderer build with the app's CSP and, on the same origin (the CSP's connect-src 'self'), the core's
 * dispatch as one POST. The bridge's answers reach the page the way Electron's IPC delivers them: as bytes off the
 * main thread, leaving only the parse to it. (page.exposeBinding would add the DevTools
 * protocol's own main-thread cost, about 100 ms for a 10,000-position answer, which the app never pays.)
 */
export function serveRendererAndCore(root: string, dispatch: Dispatch): Promise<RunningServer> {
  return listen({ host: '127.0.0.1', port: 0 }, async (request, response) => {
    const pathname = requestPath(request.url);
    if (pathname === INVOKE_PATH && request.method === 'POST') {
      const { channel, request: payload } = JSON.parse(await readBodyText(request)) as { channel: unknown; request: unknown };
      writeResponse(response, { status: 200, body: await dispatch(channel, payload) });
      return;
    }
    await sendRendererFile(root, pathname ?? '/', response);
  });
}
