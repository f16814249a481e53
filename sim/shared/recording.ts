import type { IncomingMessage } from 'node:http';
import { queryObject, redactedHeaders } from './http';

/** One request as the simulator saw it; credentials in headers are already redacted. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it did not parse, or null when empty. */
  body: unknown;
  /** Date.now() when the request arrived. */
  at: number;
  /** The x-request-id the simulator answered (or would have answered) with. */
  requestId: string;
}

/** What every simulator reads first: the URL, the method in capitals, and the path without a trailing slash. */
export interface RequestLine {
  url: URL;
  method: string;
  path: string;
}

export function requestLine(req: IncomingMessage): RequestLine {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  return { url, method, path };
}

/** The record of one request, its credential headers redacted, stamped with the time it arrived. */
export function recordRequest(req: IncomingMessage, line: RequestLine, body: unknown, requestId: string): RecordedRequest {
  return {
    method: line.method,
    path: line.path,
    query: queryObject(line.url.searchParams),
    headers: redactedHeaders(req.headers),
    body,
    at: Date.now(),
    requestId,
  };
}
