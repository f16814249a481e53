import type { ServerResponse } from 'node:http';
import { stringify } from 'lossless-json';

export interface ExnessResponse {
  status: number;
  /** Serialised with lossless-json, so numbers built from decimal text keep every digit. */
  body: unknown;
  headers?: Record<string, string>;
}

export function jsonText(value: unknown): string {
  const textValue = stringify(value);
  if (textValue === undefined) throw new Error('the simulator tried to send a value JSON cannot hold');
  return textValue;
}

function write(res: ServerResponse, status: number, contentType: string, payload: string, headers: Record<string, string>): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

export function writeJson(res: ServerResponse, response: ExnessResponse): void {
  write(res, response.status, 'application/json; charset=utf-8', jsonText(response.body), response.headers ?? {});
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Express's own answer to a route it does not have: an HTML page, not JSON. */
export function writeExpressNotFound(res: ServerResponse, method: string, path: string, headers: Record<string, string>): void {
  const page = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${escapeHtml(path)}</pre>\n</body>\n</html>\n`;
  write(res, 404, 'text/html; charset=utf-8', page, headers);
}
