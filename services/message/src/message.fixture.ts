import { randomUUID } from 'node:crypto';
import {
  createClient,
  createLogger,
  loadConfig,
  startGrpcServer,
  stopGrpcServer,
  subjects,
  type AppError,
  type Runtime,
} from '@chat/kit';
import {
  MessageServiceClient,
  MessageServiceService,
  SendReply,
  SendRequest,
} from '@chat/proto/chat/message/v1/message';
import { SessionServiceService, type MembershipReply } from '@chat/proto/chat/session/v1/session';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import type { Server, ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import assert from 'node:assert/strict';
import { startMessage } from './app.js';
import { messageSchema } from './config.js';

/**
 * A stand-in for the session service that answers GetMembership over real gRPC from a table
 * the test fills, so membership rules can be set precisely (muted, banned) per test.
 */
export class MembershipTable {
  private readonly rows = new Map<string, MembershipReply>();
  private server: Server | undefined;

  constructor(readonly address: string) {}

  static async start(): Promise<MembershipTable> {
    const table = new MembershipTable(`127.0.0.1:${await freePort()}`);
    await table.listen();
    return table;
  }

  async listen(): Promise<void> {
    const getMembership = (
      call: ServerUnaryCall<{ sessionId: string; userId: string }, MembershipReply>,
      done: sendUnaryData<MembershipReply>,
    ) => done(null, this.lookup(call.request.sessionId, call.request.userId));
    this.server = await startGrpcServer(this.address, [[SessionServiceService, { getMembership }]]);
  }

  async close(): Promise<void> {
    if (this.server) await stopGrpcServer(this.server, 100);
    this.server = undefined;
  }

  set(sessionId: string, userId: string, change: Partial<MembershipReply>): void {
    this.rows.set(`${sessionId}/${userId}`, { ...this.lookup(sessionId, userId), ...change });
  }

  /** A new session with these members; its id. */
  session(...userIds: string[]): string {
    const sessionId = randomUUID();
    for (const userId of userIds) this.set(sessionId, userId, { member: true, role: 'member' });
    return sessionId;
  }

  private lookup(sessionId: string, userId: string): MembershipReply {
    const none = { member: false, role: '', mutedUntilMs: 0, banned: false, kind: 'group' };
    return this.rows.get(`${sessionId}/${userId}`) ?? none;
  }
}

/** Starts a message service instance on `database`, asking `sessionAddr` for memberships. */
export async function launchMessage(
  natsUrl: string,
  mongoUrl: string,
  database: string,
  sessionAddr: string,
  env: Record<string, string> = {},
): Promise<{ runtime: Runtime; address: string }> {
  const address = `127.0.0.1:${await freePort()}`;
  const config = loadConfig(messageSchema, {
    NATS_URL: natsUrl,
    MONGO_URL: mongoUrl,
    MONGO_DB: database,
    GRPC_LISTEN: address,
    OPS_LISTEN: `127.0.0.1:${await freePort()}`,
    SESSION_ADDR: sessionAddr,
    ...env,
  });
  return { runtime: await startMessage(config, createLogger('message', 'silent')), address };
}

export function messageClient(address: string) {
  return createClient(MessageServiceClient, MessageServiceService, address, 'message');
}

/** A send request with defaults for every field the test does not name. */
export function sendRequest(
  sessionId: string,
  senderId: string,
  change: Partial<SendRequest> = {},
) {
  return SendRequest.fromPartial({
    sessionId,
    senderId,
    clientMsgId: randomUUID(),
    kind: 'text',
    text: 'hello',
    ...change,
  });
}

/** Sends over the bus as a gateway does and returns the decoded reply. */
export async function sendOverBus(nc: NatsConnection, req: SendRequest): Promise<SendReply> {
  const subject = subjects.send(req.sessionId);
  const msg = await nc.request(subject, SendRequest.encode(req).finish(), { timeout: 30_000 });
  return SendReply.decode(msg.data);
}

/** Awaits a rejection with the given code (and field), and returns the error. */
export async function rejects(
  p: Promise<unknown>,
  code: string,
  field?: string,
): Promise<AppError> {
  const err = (await p.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  )) as AppError;
  assert.equal(err.code, code, err.message);
  if (field) assert.equal(err.field, field);
  return err;
}

type MessageClient = ReturnType<typeof messageClient>;

/** NATS, a database, the membership table and message instances sharing one database. */
export interface MessageBed {
  nc: NatsConnection;
  table: MembershipTable;
  /** A gRPC client of each instance, in the order of the settings given. */
  clients: MessageClient[];
  stop(): Promise<void>;
}

/** Starts one message instance per entry of `settings` (extra environment of each). */
export async function startMessageBed(
  settings: Array<Record<string, string>>,
): Promise<MessageBed> {
  const [nats, db]: RunningServer[] = await Promise.all([startNats(), startDatabase()]);
  const nc = await connect({ servers: nats!.url });
  const table = await MembershipTable.start();
  const database = uniqueDbName('message');
  const launched: Array<{ runtime: Runtime; address: string }> = [];
  for (const env of settings) {
    launched.push(await launchMessage(nats!.url, db!.url, database, table.address, env));
  }
  const clients = launched.map((l) => messageClient(l.address));

  return {
    nc,
    table,
    clients,
    stop: async () => {
      for (const c of clients) c.client.close();
      for (const l of launched) await l.runtime.stop();
      await table.close();
      await nc.close();
      await Promise.all([nats!.stop(), db!.stop()]);
    },
  };
}
