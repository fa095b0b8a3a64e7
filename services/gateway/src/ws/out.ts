import type { AppError } from '@chat/kit';
import type { WebSocket } from 'uWebSockets.js';

/** What every connection carries, as far as sending to it is concerned. */
export interface Closable {
  closed: boolean;
}

type Ws = WebSocket<Closable>;

/** Sends a frame unless the socket is closed: uWebSockets.js throws on a closed socket. */
export function send(ws: Ws, frame: unknown): void {
  sendText(ws, JSON.stringify(frame));
}

export function sendText(ws: Ws, text: string): void {
  if (ws.getUserData().closed) return;
  ws.send(text, false);
}

export function sendError(ws: Ws, err: AppError, ref?: string): void {
  const frame: Record<string, unknown> = { type: 'error', code: err.code, message: err.message };
  if (ref !== undefined) frame['ref'] = ref;
  if (err.retryAfter !== undefined) frame['retryAfter'] = err.retryAfter;
  send(ws, frame);
}

/** Closes the socket once, with a code and a reason the client can read. */
export function end(ws: Ws, code: number, reason: string): void {
  const conn = ws.getUserData();
  if (conn.closed) return;
  conn.closed = true;
  ws.end(code, reason);
}
