import { randomUUID } from 'node:crypto';
import { createLogger, loadConfig, type Runtime } from '@chat/kit';
import { freePort, uniqueDbName } from '@chat/testkit';
import { startMessage } from '../../message/src/app.js';
import { messageSchema } from '../../message/src/config.js';
import { startSession } from '../../session/src/app.js';
import { sessionSchema } from '../../session/src/config.js';
import { api, startCluster, type Cluster } from './cluster.fixture.js';
import { TestSocket } from './ws.fixture.js';

/** The whole chat path: auth, session, message (two instances) and two gateways. */
export interface ChatCluster extends Cluster {
  session: Runtime;
  messages: Runtime[];
  startMessage(): Promise<Runtime>;
}

export async function startChatCluster(gatewayEnv: Record<string, string> = {}) {
  const sessionAddr = `127.0.0.1:${await freePort()}`;
  const messageAddr = `127.0.0.1:${await freePort()}`;
  const base = await startCluster({
    ...gatewayEnv,
    SESSION_ADDR: sessionAddr,
    MESSAGE_ADDR: messageAddr,
  });
  const silent = createLogger('test', 'silent');
  const common = { NATS_URL: base.nats.url, MONGO_URL: base.db.url };

  const session = await startSession(
    loadConfig(sessionSchema, {
      ...common,
      MONGO_DB: uniqueDbName('session'),
      GRPC_LISTEN: sessionAddr,
      OPS_LISTEN: `127.0.0.1:${await freePort()}`,
      MESSAGE_ADDR: messageAddr,
    }),
    silent,
  );
  const messageDb = uniqueDbName('message');
  const launch = async (grpc: string) =>
    startMessage(
      loadConfig(messageSchema, {
        ...common,
        MONGO_DB: messageDb,
        GRPC_LISTEN: grpc,
        OPS_LISTEN: `127.0.0.1:${await freePort()}`,
        SESSION_ADDR: sessionAddr,
      }),
      silent,
    );

  // The second instance serves the bus only; gRPC calls go to the first.
  const messages = [await launch(messageAddr), await launch(`127.0.0.1:${await freePort()}`)];
  const cluster: ChatCluster = {
    ...base,
    session,
    messages,
    startMessage: async () => {
      const started = await launch(messageAddr);
      cluster.messages.push(started);
      return started;
    },
    stop: async () => {
      for (const m of cluster.messages) await m.stop().catch(() => undefined);
      await session.stop();
      await base.stop();
    },
  };
  return cluster;
}

export interface TestUser {
  id: string;
  token: string;
  nickname: string;
}

let counter = 0;

export async function newUser(cluster: Cluster, nickname = 'User'): Promise<TestUser> {
  counter += 1;
  const reg = await api(cluster.url(0, '/api/auth/register'), {
    body: { email: `chat${counter}-${randomUUID()}@example.com`, nickname, password: 'chat 12345' },
  });
  return { id: reg.body.user.id, token: reg.body.tokens.accessToken, nickname };
}

/** Opens a socket on gateway `gw` and waits for its hello. */
export async function connect(cluster: Cluster, gw: number, user: TestUser): Promise<TestSocket> {
  const socket = await TestSocket.open(cluster.gateways[gw]!.port, user.token);
  const hello = await socket.next();
  if (hello.type !== 'hello') throw new Error(`expected hello, got ${JSON.stringify(hello)}`);
  return socket;
}

/** Sends a frame with an id and returns the answer that carries it back as ref. */
export async function request(socket: TestSocket, frame: Record<string, unknown>): Promise<any> {
  const id = randomUUID();
  socket.send({ ...frame, id });
  // Longer than the gateway's own send timeout, so that a slow answer shows as its error frame.
  return socket.until((f) => f.ref === id, 10_000);
}

/** A `send` frame of a text message; a fresh client message id unless one is given. */
export function textFrame(sessionId: string, body: string, clientMsgId = randomUUID()) {
  return { type: 'send', sessionId, clientMsgId, kind: 'text', text: body };
}
