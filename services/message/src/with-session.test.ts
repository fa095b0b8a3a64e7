import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient, createLogger, loadConfig, type Runtime } from '@chat/kit';
import { SessionServiceClient, SessionServiceService } from '@chat/proto/chat/session/v1/session';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import { connect, type NatsConnection } from 'nats';
import { startSession } from '../../session/src/app.js';
import { sessionSchema } from '../../session/src/config.js';
import {
  launchMessage,
  messageClient,
  rejects,
  sendOverBus,
  sendRequest,
} from './message.fixture.js';

let nats: RunningServer;
let db: RunningServer;
let nc: NatsConnection;
let session: Runtime;
let message: Runtime;
let sessions: ReturnType<typeof createClient<typeof SessionServiceService>>;
let messages: ReturnType<typeof messageClient>;

/** Waits until `check` passes, for changes that arrive over the bus. */
async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('the message service with the real session service', () => {
  before(async () => {
    [nats, db] = await Promise.all([startNats(), startDatabase()]);
    nc = await connect({ servers: nats.url });
    const sessionAddr = `127.0.0.1:${await freePort()}`;
    const launched = await launchMessage(nats.url, db.url, uniqueDbName('message'), sessionAddr);
    message = launched.runtime;
    messages = messageClient(launched.address);

    const config = loadConfig(sessionSchema, {
      NATS_URL: nats.url,
      MONGO_URL: db.url,
      MONGO_DB: uniqueDbName('session'),
      GRPC_LISTEN: sessionAddr,
      OPS_LISTEN: `127.0.0.1:${await freePort()}`,
      MESSAGE_ADDR: launched.address,
    });
    session = await startSession(config, createLogger('session', 'silent'));
    sessions = createClient(SessionServiceClient, SessionServiceService, sessionAddr, 'session');
  });

  after(async () => {
    sessions.client.close();
    messages.client.close();
    await session.stop();
    await message.stop();
    await nc.close();
    await Promise.all([nats.stop(), db.stop()]);
  });

  it('follows joins, mutes, bans and kicks of the session service at once', async () => {
    const [owner, member, outsider] = [randomUUID(), randomUUID(), randomUUID()];
    const group = await sessions.call.createGroup({
      userId: owner,
      name: 'Lunch',
      iconFileId: '',
      visibility: 'public',
      memberIds: [member],
    });
    const sessionId = group.session!.id;

    const sent = await sendOverBus(nc, sendRequest(sessionId, member, { text: 'hi' }));
    assert.equal(sent.errorCode, '', sent.errorMessage);
    assert.equal((await sendOverBus(nc, sendRequest(sessionId, outsider))).errorCode, 'not_member');

    const until = Date.now() + 30_000;
    await sessions.call.mute({ userId: owner, sessionId, targetId: member, untilMs: until });
    await eventually(async () => {
      const err = await rejects(messages.call.send(sendRequest(sessionId, member)), 'muted');
      assert.ok(err.retryAfter! > 20, String(err.retryAfter));
    });

    await sessions.call.ban({ userId: owner, sessionId, targetId: member, banned: true });
    await eventually(async () => {
      await rejects(
        messages.call.sync({ sessionId, userId: member, afterSeq: 0, limit: 0 }),
        'banned',
      );
    });

    await sessions.call.join({ userId: outsider, sessionId });
    await sessions.call.kick({ userId: owner, sessionId, targetId: outsider });
    await eventually(async () => {
      await rejects(messages.call.send(sendRequest(sessionId, outsider)), 'not_member');
    });
  });

  it('numbers the session service system messages and members messages in one sequence', async () => {
    const [owner, member] = [randomUUID(), randomUUID()];
    const group = await sessions.call.createGroup({
      userId: owner,
      name: 'Team',
      iconFileId: '',
      visibility: 'invite',
      memberIds: [member],
    });
    const sessionId = group.session!.id;
    await sendOverBus(nc, sendRequest(sessionId, owner));
    await sessions.call.leave({ userId: member, sessionId });

    await eventually(async () => {
      const page = await messages.call.sync({ sessionId, userId: owner, afterSeq: 0, limit: 0 });
      const kinds = page.messages.map((m) => m.kind);
      assert.ok(kinds.includes('system') && kinds.includes('text'), kinds.join());
      assert.ok(page.messages.some((m) => m.system?.action === 'leave'));
      assert.deepEqual(
        page.messages.map((m) => m.seq),
        page.messages.map((_, i) => i + 1),
      );
    });
  });
});
