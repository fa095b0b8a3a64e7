import { AppError, toAppError, type Logger } from '@chat/kit';
import type { Counter } from 'prom-client';
import type { WebSocket } from 'uWebSockets.js';
import type { TokenVerifier } from '../auth/verifier.js';
import { runChatFrame, type ChatDeps } from './chat.js';
import type { Connections } from './connections.js';
import { FrameError, parseFrame, type ClientFrame } from './frames.js';
import { end, send, sendError } from './out.js';
import type { TokenBucket } from './ratelimit.js';
import type { Conn } from './socket.js';

export const CLOSE_REVOKED = 4403;

export interface DispatchDeps {
  verifier: TokenVerifier;
  log: Logger;
  framesCounter: Counter<'type'>;
  chat: ChatDeps;
  maxFrameBytes: number;
  /** The per-user bucket, shared by all of the user's connections on this gateway. */
  userBucket(userId: string): TokenBucket;
}

type Ws = WebSocket<Conn>;

/**
 * Takes one frame: rate limits, parsing, then its command. Frames of one connection run one
 * after another, so a client's sends are stored in the order it sent them.
 */
export function onFrame(
  ws: Ws,
  data: ArrayBuffer,
  isBinary: boolean,
  deps: DispatchDeps,
  connections: Connections<Ws>,
): void {
  const conn = ws.getUserData();
  if (!conn.identity || conn.closed) return;

  // uWebSockets.js reuses the buffer after this callback returns.
  const copy = data.slice(0);
  conn.chain = conn.chain.then(() => runFrame(ws, copy, isBinary, deps, connections));
}

async function runFrame(
  ws: Ws,
  data: ArrayBuffer,
  isBinary: boolean,
  deps: DispatchDeps,
  connections: Connections<Ws>,
): Promise<void> {
  const conn = ws.getUserData();
  let frame: ClientFrame | undefined;
  try {
    // Parsed before the rate limit so that a refusal carries the frame's id back as `ref`;
    // a malformed frame still counts against the limit.
    frame = limited(conn, deps, () => parseFrame(data, isBinary, deps.maxFrameBytes));
    deps.framesCounter.inc({ type: frame.type });

    const answer = await route(ws, conn, frame, deps, connections);
    if (answer) send(ws, frame.id === undefined ? answer : { ...answer, ref: frame.id });
  } catch (err) {
    const appErr = toAppError(err);
    if (appErr.status >= 500 && appErr.code === 'internal') {
      deps.log.error({ err, connId: conn.connId }, 'frame failed');
    }
    sendError(ws, appErr, frame?.id ?? refOf(err));
    if (appErr.code === 'token_revoked') end(ws, CLOSE_REVOKED, 'token_revoked');
  }
}

/** The parsed frame, once the connection's and the user's buckets have let it through. */
function limited(conn: Conn, deps: DispatchDeps, parse: () => ClientFrame): ClientFrame {
  let frame: ClientFrame;
  try {
    frame = parse();
  } catch (err) {
    limit(conn, deps, err instanceof FrameError ? err.ref : undefined);
    throw err;
  }
  limit(conn, deps, frame.id);
  return frame;
}

function limit(conn: Conn, deps: DispatchDeps, ref: string | undefined): void {
  const now = Date.now();
  const user = deps.userBucket(conn.identity!.userId);
  for (const bucket of [conn.bucket, user]) {
    if (!bucket.take(now)) {
      throw new RateLimitedFrame(Math.ceil(bucket.wait()), ref);
    }
  }
}

/** A frame refused by the rate limit; `ref` is its id when it had one. */
class RateLimitedFrame extends AppError {
  override name = 'RateLimitedFrame';
  constructor(
    retryAfter: number,
    readonly ref: string | undefined,
  ) {
    super('rate_limited', 'Too many frames; slow down.', 429, { retryAfter });
  }
}

function refOf(err: unknown): string | undefined {
  return err instanceof FrameError || err instanceof RateLimitedFrame ? err.ref : undefined;
}

async function route(
  ws: Ws,
  conn: Conn,
  frame: ClientFrame,
  deps: DispatchDeps,
  connections: Connections<Ws>,
): Promise<object | null> {
  if (frame.type === 'auth') return reauthenticate(ws, conn, frame.token, deps, connections);

  deps.verifier.check(conn.identity!);
  if (frame.type === 'ping') return { type: 'pong' };
  return runChatFrame(frame, conn.chat, deps.chat);
}

/** Replaces the connection's token with a fresh one, e.g. after a refresh. */
async function reauthenticate(
  ws: Ws,
  conn: Conn,
  token: string,
  deps: DispatchDeps,
  connections: Connections<Ws>,
): Promise<object | null> {
  const identity = await deps.verifier.verify(token);
  if (conn.closed) return null;
  if (identity.userId !== conn.identity?.userId) {
    throw new AppError('token_invalid', 'The token is for another user.', 401);
  }
  connections.move(conn.identity.loginId, identity.loginId, ws);
  conn.identity = identity;
  return { type: 'authed', expiresAt: new Date(identity.expMs).toISOString() };
}
