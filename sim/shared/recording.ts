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
