import {
  connectBus,
  createClient,
  runChecks,
  VERSION,
  type ConfigOf,
  type Logger,
} from '@chat/kit';
import { AuthServiceClient, AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import { MessageServiceClient, MessageServiceService } from '@chat/proto/chat/message/v1/message';
import { SessionServiceClient, SessionServiceService } from '@chat/proto/chat/session/v1/session';
import type { TemplatedApp } from 'uWebSockets.js';
import { addAuthRoutes } from './api/auth-routes.js';
import { addSessionRoutes } from './api/session-routes.js';
import { followRevocations } from './auth/revocations.js';
import { TokenVerifier } from './auth/verifier.js';
import type { gatewaySchema } from './config.js';
import { Reply } from './http/reply.js';
import { Router } from './http/router.js';
import { mountApi } from './http/server.js';
import { gatewayMetrics } from './metrics.js';
import { loadUws } from './native.js';
import { mountStatic } from './static.js';
import { SessionHub } from './ws/hub.js';
import { mountWebSocket } from './ws/socket.js';

export type GatewayConfig = ConfigOf<typeof gatewaySchema>;

export interface Gateway {
  port: number;
  stop(): Promise<void>;
}

/** Starts one gateway node; `main.ts` and the integration tests both call this. */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<Gateway> {
  const uws = loadUws();
  const bus = await connectBus(config.NATS_URL, `gateway-${config.GATEWAY_ID}`, log);
  const auth = createClient(
    AuthServiceClient,
    AuthServiceService,
    config.AUTH_ADDR,
    'auth',
    config.RPC_DEADLINE_MS,
  );

  const sessions = createClient(
    SessionServiceClient,
    SessionServiceService,
    config.SESSION_ADDR,
    'session',
    config.RPC_DEADLINE_MS,
  );
  const messages = createClient(
    MessageServiceClient,
    MessageServiceService,
    config.MESSAGE_ADDR,
    'message',
    config.RPC_DEADLINE_MS,
  );
  const metrics = gatewayMetrics(config.GATEWAY_ID);
  const hub = new SessionHub(bus, sessions.call, log, (n) => metrics.sessionFeeds.set(n));

  const verifier = new TokenVerifier(async () => (await auth.call.getPublicKeys({})).keys, log);
  const stopKeys = keepLoadingKeys(verifier, log);

  const app = uws.App();
  const checks = { bus: bus.ready, keys: () => verifier.ready() };
  mountOps(app, checks, metrics.registry);

  const router = new Router();
  addAuthRoutes(router, { auth: auth.call, verifier });
  addSessionRoutes(router, {
    auth: auth.call,
    sessions: sessions.call,
    messages: messages.call,
    verifier,
  });
  mountApi(app, router, {
    maxBodyBytes: config.MAX_BODY_BYTES,
    trustProxy: config.TRUST_PROXY === 'yes',
    log,
    observe: (method, status, s) => metrics.http.observe({ method, status }, s),
  });

  const sockets = mountWebSocket(app, socketOptions(config), {
    verifier,
    log,
    connectionsGauge: metrics.connections,
    framesCounter: metrics.frames,
    chat: {
      bus,
      hub,
      messages: messages.call,
      sessions: sessions.call,
      sendTimeoutMs: config.SEND_TIMEOUT_MS,
    },
  });
  const stopRevocations = await followRevocations(
    bus,
    auth.call,
    verifier,
    sockets.closeLogin,
    log,
  );
  mountStatic(app, config.WEB_DIR, log);

  const listenSocket = await listen(app, config.HOST, config.PORT);
  const port = uws.us_socket_local_port(listenSocket);
  log.info(
    { version: VERSION, gatewayId: config.GATEWAY_ID, listen: `${config.HOST}:${port}` },
    'gateway started',
  );

  return {
    port,
    stop: async () => {
      uws.us_listen_socket_close(listenSocket);
      sockets.closeAll();
      stopKeys();
      stopRevocations();
      await bus.nc.drain().catch(() => undefined);
      for (const c of [auth, sessions, messages]) c.client.close();
    },
  };
}

function socketOptions(config: GatewayConfig) {
  return {
    gatewayId: config.GATEWAY_ID,
    heartbeatMs: config.HEARTBEAT_MS,
    idleTimeoutS: config.IDLE_TIMEOUT_S,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    frameRate: config.FRAME_RATE,
    frameBurst: config.FRAME_BURST,
    userFrameRate: config.USER_FRAME_RATE,
    userFrameBurst: config.USER_FRAME_BURST,
    allowedOrigins: config.ALLOWED_ORIGINS,
  };
}

/** Loads auth's public keys, retrying until auth answers; the gateway is not ready before. */
function keepLoadingKeys(verifier: TokenVerifier, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  const attempt = () => {
    verifier.loadKeys().catch((err: unknown) => {
      log.warn({ reason: (err as Error).message }, 'token keys unavailable, retrying');
      timer = setTimeout(attempt, 2_000);
    });
  };
  attempt();
  return () => clearTimeout(timer);
}

function mountOps(
  app: TemplatedApp,
  checks: Parameters<typeof runChecks>[0],
  registry: { metrics(): Promise<string>; contentType: string },
): void {
  app.get('/healthz', (res) => new Reply(res).json(200, { status: 'ok' }));
  app.get('/readyz', (res) => {
    const reply = new Reply(res);
    void runChecks(checks).then((r) => reply.json(r.ready ? 200 : 503, r));
  });
  app.get('/metrics', (res) => {
    const reply = new Reply(res);
    void registry
      .metrics()
      .then((text) => reply.send(200, text, [['content-type', registry.contentType]]));
  });
}

function listen(app: TemplatedApp, host: string, port: number) {
  return new Promise<import('uWebSockets.js').us_listen_socket>((resolve, reject) => {
    app.listen(host, port, (socket) =>
      socket ? resolve(socket) : reject(new Error(`cannot listen on ${host}:${port}`)),
    );
  });
}
