import http from 'node:http';
import { listen, type RunningServer } from '../sim/shared/listen';

export interface CapturedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Hop-by-hop and per-answer headers the replay sets itself.
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'date', 'content-length', 'transfer-encoding']);

/** One keep-alive-able GET read in full as bytes: what the listing floor times, and what a capture keeps. */
export function getBytes(url: string, headers: Record<string, string>, agent?: http.Agent): Promise<{ response: http.IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, ...(agent ? { agent } : {}) }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** Reads one answer in full, as bytes, with the headers a replay repeats. */
export async function captureAnswer(url: string, headers: Record<string, string>): Promise<CapturedAnswer> {
  const { response, body } = await getBytes(url, headers);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { status: response.statusCode ?? 0, headers: kept, body };
}

/**
 * Answers every request with the same captured bytes, so two clients timed against it differ only in what they do with
 * the answer, not in how long a simulator took to build it. `byPath` answers the calls made once before timing (adding a
 * connection reads its first page of accounts) with their own captured bytes.
 */
export function serveCaptured(answer: CapturedAnswer, byPath: ReadonlyMap<string, CapturedAnswer> = new Map()): Promise<RunningServer> {
  return listen({ host: '127.0.0.1', port: 0 }, async (request, response) => {
    request.resume();
    const pathname = new URL(request.url ?? '/', 'http://replay').pathname;
    const chosen = byPath.get(pathname) ?? answer;
    response.writeHead(chosen.status, { ...chosen.headers, 'content-length': String(chosen.body.length) });
    response.end(chosen.body);
  });
}
