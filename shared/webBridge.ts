// The browser bridge's wire: what `closeout ui` serves and what the renderer's web bridge calls, in one place so both
// sides change together. The token travels in the address's fragment (never sent to the server, never in a Referer or
// an access log) and then only in the Authorization header of each call.

/** Opens the one client session and carries the core's pushes to it, one JSON object a line. */
export const EVENTS_PATH = '/api/events';
/** One contract call: `{ channel, request }` in, the dispatcher's envelope out. */
export const INVOKE_PATH = '/api/invoke';
/** Names the session the events stream opened; a call from no live session is refused. */
export const SESSION_HEADER = 'x-closeout-session';
/** The fragment key the printed address carries the token under: `http://127.0.0.1:PORT/#token=...`. */
export const TOKEN_FRAGMENT_KEY = 'token';

/** The first line of the events stream. */
export interface SessionLine {
  session: string;
}

/** Every later line of the events stream: one push, as Electron's IPC would send it to the window. */
export interface PushLine {
  event: string;
  payload: unknown;
}

/** Why the server refused a request, by status, in words a person can act on. */
export const REFUSALS = {
  401: 'The token is missing or wrong: open Closeout with the whole address `closeout ui` printed.',
  403: 'This request did not come from the page Closeout serves at this address.',
  409: 'Closeout is already open in another browser tab or window: use that one, or close it and reload here.',
} as const;
export type RefusalStatus = keyof typeof REFUSALS;
