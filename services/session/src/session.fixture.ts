import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createClient, createLogger, loadConfig, type AppError, type Runtime } from '@chat/kit';
import { SessionServiceClient, SessionServiceService } from '@chat/proto/chat/session/v1/session';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import { connect, type NatsConnection } from 'nats';
import { startMessage } from '../../message/src/app.js';
import { messageSchema } from '../../message/src/config.js';
import { startSession } from './app.js';
import { sessionSchema } from './config.js';

type SessionCall = ReturnType<typeof createClient<typeof SessionServiceService>>['call'];

/** A session service on a real bus and database, called through a real gRPC client. */
export interface SessionBed {
  nats: RunningServer;
  db: RunningServer;
  service: Runtime;
  call: SessionCall;
  /** A bus connection of the test's own, to watch and inject events. */
  nc: NatsConnection;
  /** The address the session service expects the message service on. */
  messageAddr: string;
  /** Starts the real message service on `messageAddr`, unless it runs already. */
  startMessage(): Promise<Runtime>;
  stop(): Promise<void>;
}

const silent = createLogger('test', 'silent');

export async function startBed(env: Record<string, string> = {}): Promise<SessionBed> {
  const [nats, db] = await Promise.all([startNats(), startDatabase()]);
  const grpc = `127.0.0.1:${await freePort()}`;
  const messageAddr = `127.0.0.1:${await freePort()}`;
  const service = await startSession(
    loadConfig(sessionSchema, {
      NATS_URL: nats.url,
      MONGO_URL: db.url,
      MONGO_DB: uniqueDbName('session'),
      GRPC_LISTEN: grpc,
      OPS_LISTEN: `127.0.0.1:${await freePort()}`,
      MESSAGE_ADDR: messageAddr,
      OUTBOX_POLL_MS: '50',
      OUTBOX_MAX_BACKOFF_MS: '200',
      ...env,
    }),
    silent,
  );
  const client = createClient(SessionServiceClient, SessionServiceService, grpc, 'session');
  const nc = await connect({ servers: nats.url });
  const messages: Runtime[] = [];
  const messageDb = uniqueDbName('message');

  return {
    nats,
    db,
    service,
    call: client.call,
    nc,
    messageAddr,
    startMessage: async () => {
      if (messages[0]) return messages[0];
      const started = await startMessage(
        loadConfig(messageSchema, {
          NATS_URL: nats.url,
          MONGO_URL: db.url,
          MONGO_DB: messageDb,
          GRPC_LISTEN: messageAddr,
          OPS_LISTEN: `127.0.0.1:${await freePort()}`,
          SESSION_ADDR: grpc,
        }),
        silent,
      );
      messages.push(started);
      return started;
    },
    stop: async () => {
      for (const m of messages) await m.stop();
      client.client.close();
      await nc.close();
      await service.stop();
      await Promise.all([nats.stop(), db.stop()]);
    },
  };
}

/** A fresh user id, as the auth service would hand out. */
export const newId = () => randomUUID();

/** Awaits a refusal and checks its stable code. */
export async function rejects(p: Promise<unknown>, code: string, field?: string): Promise<void> {
  const err = (await p.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  )) as AppError;
  assert.equal(err.code, code, err.message);
  if (field) assert.equal(err.field, field);
}

/** Collects the JSON messages of a subject until the test reads them. */
export function listen(nc: NatsConnection, subject: string) {
  const seen: Array<{ subject: string; body: any }> = [];
  const sub = nc.subscribe(subject, {
    callback: (_err, msg) =>
      seen.push({ subject: msg.subject, body: JSON.parse(new TextDecoder().decode(msg.data)) }),
  });
  return {
    seen,
    /** Waits until `count` messages have come, or fails after two seconds. */
    async wait(count: number) {
      await eventually(() => assert.ok(seen.length >= count, `${seen.length} of ${count}`));
      return seen;
    },
    close: () => sub.unsubscribe(),
    flush: () => nc.flush(),
  };
}

/** Retries a check until it passes or `timeoutMs` passes. */
export async function eventually(check: () => unknown, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
