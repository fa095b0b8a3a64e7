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
import type { ChatConn, ChatDeps } from './chat.js';
import { Connections } from './connections.js';
import { CLOSE_REVOKED, onFrame } from './dispatch.js';
import type { Peer } from './hub.js';
import { originAllowed } from './origin.js';
import { end, send, sendError, sendText } from './out.js';
import { TokenBucket } from './ratelimit.js';

export interface Conn {
  connId: string;
  identity: Identity | null;
  /** Why the token was refused at upgrade; the socket says so and closes on open. */
  refusal: AppError | null;
  bucket: TokenBucket;
  closed: boolean;
  /** Frames of this connection run one after another. */
  chain: Promise<void>;
  chat: ChatConn;
  peer: Peer | null;
}

export interface SocketOptions {
  gatewayId: string;
  heartbeatMs: number;
  idleTimeoutS: number;
  maxFrameBytes: number;
  frameRate: number;
  frameBurst: number;
  userFrameRate: number;
  userFrameBurst: number;
  allowedOrigins: string[];
}

export interface SocketDeps {
  verifier: TokenVerifier;
  log: Logger;
  connectionsGauge: Gauge;
  framesCounter: Counter<'type'>;
  chat: ChatDeps;
}

// Close codes in the private range (RFC 6455 section 7.4.2).
export const CLOSE_UNAUTHENTICATED = 4401;
export { CLOSE_REVOKED };

type Ws = WebSocket<Conn>;

/** The /ws endpoint: turns frames into commands; holds no state another node would need. */
export function mountWebSocket(app: TemplatedApp, options: SocketOptions, deps: SocketDeps) {
  const connections = new Connections<Ws>();
  // Per-user buckets live while the user has a connection here.
  const users = new Map<string, { bucket: TokenBucket; connections: number }>();
  const userBucket = (userId: string) => {
    let user = users.get(userId);
    if (!user) {
      const bucket = new TokenBucket(options.userFrameRate, options.userFrameBurst, Date.now());
      users.set(userId, (user = { bucket, connections: 0 }));
    }
    return user.bucket;
  };
  const dispatch = { ...deps, maxFrameBytes: options.maxFrameBytes, userBucket };

  app.ws<Conn>('/ws', {
    // Twice the soft limit: a frame between the two is answered with an error and the
    // connection stays open; only a far larger one makes the server close it.
    maxPayloadLength: options.maxFrameBytes * 2,
    idleTimeout: options.idleTimeoutS,
    sendPingsAutomatically: true,
    maxBackpressure: 1024 * 1024,
    upgrade: (res, req, context) => upgrade(res, req, context, options, deps.verifier),
    open: (ws) => {
      const { identity } = ws.getUserData();
      if (identity) {
        userBucket(identity.userId);
        users.get(identity.userId)!.connections += 1;
      }
      open(ws, options, deps, connections);
    },
    message: (ws, data, isBinary) => onFrame(ws, data, isBinary, dispatch, connections),
    close: (ws) => {
      const conn = ws.getUserData();
      conn.closed = true;
      if (!conn.identity) return;

      connections.remove(conn.identity.loginId, ws);
      if (conn.peer) deps.chat.hub.detach(conn.peer);
      const user = users.get(conn.identity.userId);
      if (user && --user.connections <= 0) users.delete(conn.identity.userId);
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

function open(ws: Ws, options: SocketOptions, deps: SocketDeps, connections: Connections<Ws>) {
  const conn = ws.getUserData();
  if (!conn.identity) return refuse(ws, conn.refusal);

  const { userId } = conn.identity;
  connections.add(conn.identity.loginId, ws);
  deps.connectionsGauge.set(connections.size);
  deps.log.debug({ connId: conn.connId, userId }, 'connection opened');
  send(ws, {
    type: 'hello',
    gatewayId: options.gatewayId,
    userId,
    connId: conn.connId,
    heartbeatMs: options.heartbeatMs,
  });

  conn.chat.userId = userId;
  conn.peer = { userId, send: (text) => sendText(ws, text) };
  void deps.chat.hub.attach(conn.peer);
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

  const base = {
    connId: randomUUID(),
    bucket: new TokenBucket(options.frameRate, options.frameBurst, Date.now()),
    closed: false,
    chain: Promise.resolve(),
    chat: { userId: '', views: new Set<string>(), lastTyping: new Map<string, number>() },
    peer: null,
  };
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

function refuse(ws: Ws, refusal: AppError | null): void {
  const err = refusal ?? new AppError('unauthenticated', 'Log in first.', 401);
  sendError(ws, err);
  end(ws, CLOSE_UNAUTHENTICATED, err.code);
}
