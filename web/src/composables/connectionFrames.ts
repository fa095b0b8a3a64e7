import { isChatFrame, type ChatClientFrame, type ChatServerFrame } from './chatFrames';

export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  ref?: string;
  retryAfter?: number;
}

export type ServerFrame =
  | { type: 'hello'; gatewayId: string; userId: string; heartbeatMs: number }
  | { type: 'pong' }
  | { type: 'authed'; expiresAt: string }
  | ErrorFrame
  | ChatServerFrame;

export type ClientFrame = { id?: string } & (
  { type: 'ping' } | { type: 'auth'; token: string } | ChatClientFrame
);

/** Reads one server frame; anything malformed or unknown yields null and is ignored. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;

  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }

  return isKnownFrame(frame) ? frame : null;
}

function isKnownFrame(value: unknown): value is ServerFrame {
  if (typeof value !== 'object' || value === null) return false;

  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'hello':
      return typeof frame.gatewayId === 'string' && typeof frame.heartbeatMs === 'number';
    case 'pong':
      return true;
    case 'authed':
      return true;
    case 'error':
      return typeof frame.code === 'string';
    default:
      return isChatFrame(frame);
  }
}

/** The socket lives on the same host and port as the page, so it works behind any proxy. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
