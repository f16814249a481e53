import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../electron/windowSecurity';
import { listen, type RunningServer } from '../sim/shared/listen';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The request's path, decoded, from its URL. */
export function requestPath(url: string | undefined): string {
  return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
}

/** Answers with one file of the renderer build under `root` and the app's CSP; outside `root` is 403, missing is 404. */
export async function sendRendererFile(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
  if (!file.startsWith(root)) {
    response.writeHead(403).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    createReadStream(file).pipe(response);
  } catch {
    response.writeHead(404).end();
  }
}

/** Serves the production renderer build with the app's CSP, as the packaged app would load it. */
export function serveDirectory(root: string): Promise<RunningServer> {
  return listen({ host: '127.0.0.1', port: 0 }, (request, response) => sendRendererFile(root, requestPath(request.url), response));
}
