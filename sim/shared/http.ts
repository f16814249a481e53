import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface SimResponse {
  status: number;
  /** Serialised as JSON; undefined sends no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export class BodyTooLargeError extends Error {
  constructor(limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export async function readBodyText(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type ParsedBody = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; text: string };

/** JSON when it parses; otherwise the raw text is kept so a handler can answer 400 and a test can see what was sent. */
export function parseJsonBody(text: string): ParsedBody {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', text };
  }
}

export function bodyValue(body: ParsedBody): unknown {
  if (body.kind === 'json') return body.value;
  if (body.kind === 'invalid') return body.text;
  return null;
}

/** `serialize` lets a simulator send numbers with their exact decimal text (lossless-json) instead of through a float. */
export function writeResponse(res: ServerResponse, response: SimResponse, serialize: (body: unknown) => string = JSON.stringify): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = serialize(response.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Header values flattened to strings, with credentials replaced so a recorded request can be printed or asserted on. */
export function redactedHeaders(headers: IncomingHttpHeaders, secretHeaders: readonly string[] = ['authorization']): Record<string, string> {
  const hidden = new Set(secretHeaders.map((name) => name.toLowerCase()));
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = hidden.has(name) ? 'REDACTED' : Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

export function queryObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of params) result[name] = value;
  return result;
}
