import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dispatch } from '../../electron/core/dispatcher';
import { CONTENT_SECURITY_POLICY } from '../../electron/windowSecurity';
import { INVOKE_PATH } from './invokePath';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * The production renderer build with the app's CSP and, on the same origin (the CSP's connect-src 'self'), the core's
 * dispatch as one POST. The bridge's answers reach the page the way Electron's IPC delivers them: as bytes off the
 * main thread, leaving only the parse to it. (page.exposeBinding, which the e2e suite uses, would add the DevTools
 * protocol's own main-thread cost, about 100 ms for a 10,000-position answer, which the app never pays.)
 */
export async function serveRendererAndCore(root: string, dispatch: Dispatch): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (pathname === INVOKE_PATH && request.method === 'POST') {
      const { channel, request: payload } = JSON.parse(await readBody(request)) as { channel: unknown; request: unknown };
      const body = JSON.stringify(await dispatch(channel, payload));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
      response.end(body);
      return;
    }
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const content = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
