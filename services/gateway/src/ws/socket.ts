import { randomUUID } from 'node:crypto';
import { AppError, toAppError, type Logger } from '@chat/kit';
import type { Counter, Gauge } from 'prom-client';
import type {
  HttpRequest,
  HttpResponse,
  TemplatedApp,
  WebSocket,
  us_socket_context_t,
} from 'uWebSockets.js';
import type { Identity, TokenVerifier } from '../auth/verifier.js';
import { Connections } from './connections.js';
import { FrameError, parseFrame, type ClientFrame } from './frames.js';
import { originAllowed } from './origin.js';
import { TokenBucket } from './ratelimit.js';

export interface Conn {
  connId: string;
  identity: Identity | null;
  /** Why the token was refused at upgrade; the socket says so and closes on open. */
  refusal: AppError | null;
  bucket: TokenBucket;
  closed: boolean;
}

export interface SocketOptions {
  gatewayId: string;
  heartbeatMs: number;
  idleTimeoutS: number;
  maxFrameBytes: number;
  frameRate: number;
  frameBurst: number;
  allowedOrigins: string[];
}

export interface SocketDeps {
  verifier: TokenVerifier;
  log: Logger;
  connectionsGauge: Gauge;
  framesCounter: Counter<'type'>;
}

// Close codes in the private range (RFC 6455 section 7.4.2).
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_REVOKED = 4403;

type Ws = WebSocket<Conn>;

/** The /ws endpoint: turns frames into commands; holds no state another node would need. */
export function mountWebSocket(app: TemplatedApp, options: SocketOptions, deps: SocketDeps) {
  const connections = new Connections<Ws>();
  const { verifier, log } = deps;

  app.ws<Conn>('/ws', {
    // Twice the soft limit: a frame between the two is answered with an error and the
    // connection stays open; only a far larger one makes the server close it.
    maxPayloadLength: options.maxFrameBytes * 2,
    idleTimeout: options.idleTimeoutS,
    sendPingsAutomatically: true,
    maxBackpressure: 1024 * 1024,
    upgrade: (res, req, context) => upgrade(res, req, context, options, verifier),
    open: (ws) => {
      const conn = ws.getUserData();
      if (!conn.identity) return refuse(ws, conn.refusal);

      connections.add(conn.identity.loginId, ws);
      deps.connectionsGauge.set(connections.size);
      log.debug({ connId: conn.connId, userId: conn.identity.userId }, 'connection opened');
      send(ws, {
        type: 'hello',
        gatewayId: options.gatewayId,
        userId: conn.identity.userId,
        connId: conn.connId,
        heartbeatMs: options.heartbeatMs,
      });
    },
    message: (ws, data, isBinary) => {
      void onFrame(ws, data, isBinary, options, deps, connections);
    },
    close: (ws) => {
      const conn = ws.getUserData();
      conn.closed = true;
      if (conn.identity) connections.remove(conn.identity.loginId, ws);
      deps.connectionsGauge.set(connections.size);
    },
  });

  return {
    connections,
    /** Closes every connection of a revoked login. */
    closeLogin(loginId: string): void {
      for (const ws of connections.ofLogin(loginId)) {
        sendError(ws, new AppError('token_revoked', 'This login was ended; log in again.', 401));
        end(ws, CLOSE_REVOKED, 'token_revoked');
      }
    },
    closeAll(): void {
      for (const ws of connections.all()) end(ws, 1001, 'gateway shutting down');
    },
  };
}

function upgrade(
  res: HttpResponse,
  req: HttpRequest,
  context: us_socket_context_t,
  options: SocketOptions,
  verifier: TokenVerifier,
): void {
  const key = req.getHeader('sec-websocket-key');
  const protocol = req.getHeader('sec-websocket-protocol');
  const extensions = req.getHeader('sec-websocket-extensions');
  const origin = req.getHeader('origin');
  const host = req.getHeader('host');
  const token = new URLSearchParams(req.getQuery() ?? '').get('token') ?? '';

  let aborted = false;
  res.onAborted(() => (aborted = true));

  if (!originAllowed(origin, host, options.allowedOrigins)) {
    res.cork(() => res.writeStatus('403 Forbidden').end('origin_forbidden'));
    return;
  }

  const bucket = new TokenBucket(options.frameRate, options.frameBurst, Date.now());
  const base = { connId: randomUUID(), bucket, closed: false };
  void verifier
    .verify(token)
    .then(
      (identity): Conn => ({ ...base, identity, refusal: null }),
      (err: unknown): Conn => ({ ...base, identity: null, refusal: toAppError(err) }),
    )
    .then((conn) => {
      if (aborted) return;
      res.cork(() => res.upgrade(conn, key, protocol, extensions, context));
    });
}

async function onFrame(
  ws: Ws,
  data: ArrayBuffer,
  isBinary: boolean,
  options: SocketOptions,
  deps: SocketDeps,
  connections: Connections<Ws>,
): Promise<void> {
  const conn = ws.getUserData();
  if (!conn.identity || conn.closed) return;

  let frame: ClientFrame | undefined;
  try {
    if (!conn.bucket.take(Date.now())) {
      throw new AppError('rate_limited', 'Too many frames; slow down.', 429, {
        retryAfter: Math.ceil(conn.bucket.wait()),
      });
    }
    frame = parseFrame(data, isBinary, options.maxFrameBytes);
    deps.framesCounter.inc({ type: frame.type });

    if (frame.type === 'auth') return await reauthenticate(ws, conn, frame, deps, connections);
    deps.verifier.check(conn.identity);
    send(ws, { type: 'pong', ref: frame.id });
  } catch (err) {
    const appErr = toAppError(err);
    if (appErr.status >= 500) deps.log.error({ err, connId: conn.connId }, 'frame failed');
    sendError(ws, appErr, frame?.id ?? (err instanceof FrameError ? err.ref : undefined));
    if (appErr.code === 'token_revoked') end(ws, CLOSE_REVOKED, 'token_revoked');
  }
}

/** Replaces the connection's token with a fresh one, e.g. after a refresh. */
async function reauthenticate(
  ws: Ws,
  conn: Conn,
  frame: { id?: string; token: string },
  deps: SocketDeps,
  connections: Connections<Ws>,
): Promise<void> {
  const identity = await deps.verifier.verify(frame.token);
  if (conn.closed) return;
  if (identity.userId !== conn.identity?.userId) {
    throw new AppError('token_invalid', 'The token is for another user.', 401);
  }
  connections.move(conn.identity.loginId, identity.loginId, ws);
  conn.identity = identity;
  send(ws, { type: 'authed', ref: frame.id, expiresAt: new Date(identity.expMs).toISOString() });
}

function refuse(ws: Ws, refusal: AppError | null): void {
  const err = refusal ?? new AppError('unauthenticated', 'Log in first.', 401);
  sendError(ws, err);
  end(ws, CLOSE_UNAUTHENTICATED, err.code);
}

function sendError(ws: Ws, err: AppError, ref?: string): void {
  const frame: Record<string, unknown> = { type: 'error', code: err.code, message: err.message };
  if (ref !== undefined) frame['ref'] = ref;
  if (err.retryAfter !== undefined) frame['retryAfter'] = err.retryAfter;
  send(ws, frame);
}

function send(ws: Ws, frame: unknown): void {
  if (ws.getUserData().closed) return;
  ws.send(JSON.stringify(frame), false);
}

function end(ws: Ws, code: number, reason: string): void {
  const conn = ws.getUserData();
  if (conn.closed) return;
  conn.closed = true;
  ws.end(code, reason);
}
