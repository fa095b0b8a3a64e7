import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Runtime } from '@chat/kit';
import type { FileRef } from '@chat/proto/chat/message/v1/message';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import { connect, type NatsConnection } from 'nats';
import {
  MembershipTable,
  launchMessage,
  messageClient,
  rejects,
  sendOverBus,
  sendRequest,
} from './message.fixture.js';

let nats: RunningServer;
let db: RunningServer;
let nc: NatsConnection;
let table: MembershipTable;
let instance: Runtime;
let client: ReturnType<typeof messageClient>;

const image: FileRef = {
  fileId: 'f1',
  name: 'cat.png',
  mimeType: 'image/png',
  size: 1234,
  thumbnailFileId: '',
  width: 10,
  height: 10,
  durationMs: 0,
};

describe('who may do what, and with which input', () => {
  before(async () => {
    [nats, db] = await Promise.all([startNats(), startDatabase()]);
    nc = await connect({ servers: nats.url });
    table = await MembershipTable.start();
    const launched = await launchMessage(nats.url, db.url, uniqueDbName('message'), table.address);
    instance = launched.runtime;
    client = messageClient(launched.address);
  });

  after(async () => {
    client.client.close();
    await instance.stop();
    await table.close();
    await nc.close();
    await Promise.all([nats.stop(), db.stop()]);
  });

  it('refuses outsiders on every path with not_member', async () => {
    const [member, outsider] = [randomUUID(), randomUUID()];
    const sessionId = table.session(member);
    await client.call.send(sendRequest(sessionId, member));
    const target = { sessionId, userId: outsider, seq: 1 };

    await rejects(client.call.send(sendRequest(sessionId, outsider)), 'not_member');
    await rejects(client.call.history({ ...target, beforeSeq: 0, limit: 0 }), 'not_member');
    await rejects(client.call.sync({ ...target, afterSeq: 0, limit: 0 }), 'not_member');
    await rejects(client.call.edit({ ...target, text: 'x' }), 'not_member');
    await rejects(client.call.recall(target), 'not_member');
    const overBus = await sendOverBus(nc, sendRequest(sessionId, outsider));
    assert.equal(overBus.errorCode, 'not_member');
  });

  it('refuses banned users with banned, even from reading', async () => {
    const user = randomUUID();
    const sessionId = table.session();
    table.set(sessionId, user, { banned: true });

    await rejects(client.call.send(sendRequest(sessionId, user)), 'banned');
    await rejects(client.call.sync({ sessionId, userId: user, afterSeq: 0, limit: 0 }), 'banned');
  });

  it('lets a muted member read but not post, saying when the mute ends', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await client.call.send(sendRequest(sessionId, user));
    table.set(sessionId, user, { mutedUntilMs: Date.now() + 60_000 });
    await announceChange(sessionId);

    const err = await rejects(client.call.send(sendRequest(sessionId, user)), 'muted');
    assert.ok(err.retryAfter! > 50 && err.retryAfter! <= 60, String(err.retryAfter));
    await rejects(client.call.edit({ sessionId, userId: user, seq: 1, text: 'x' }), 'muted');
    const page = await client.call.sync({ sessionId, userId: user, afterSeq: 0, limit: 0 });
    assert.equal(page.messages.length, 1);
    assert.equal((await sendOverBus(nc, sendRequest(sessionId, user))).errorCode, 'muted');
  });

  it('sees a membership change at once when the session announces it', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await client.call.send(sendRequest(sessionId, user));

    table.set(sessionId, user, { member: false });
    await client.call.send(sendRequest(sessionId, user));
    nc.publish(
      `session.${sessionId}.members`,
      JSON.stringify({ action: 'kick', targetIds: [user] }),
    );
    await nc.flush();
    await new Promise((r) => setTimeout(r, 100));

    await rejects(client.call.send(sendRequest(sessionId, user)), 'not_member');
  });

  it('answers service_unavailable while the session service is away', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const lonely = await launchMessage(
      nats.url,
      db.url,
      uniqueDbName('message'),
      `127.0.0.1:${await freePort()}`,
    );
    const lonelyClient = messageClient(lonely.address);
    try {
      await rejects(lonelyClient.call.send(sendRequest(sessionId, user)), 'service_unavailable');
      await rejects(
        lonelyClient.call.history({ sessionId, userId: user, beforeSeq: 0, limit: 0 }),
        'service_unavailable',
      );
    } finally {
      lonelyClient.client.close();
      await lonely.runtime.stop();
    }
  });

  it('refuses bad sends with the field named', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const send = (change: Parameters<typeof sendRequest>[2]) =>
      client.call.send(sendRequest(sessionId, user, change));

    await rejects(send({ kind: 'system' }), 'invalid_field', 'kind');
    await rejects(send({ kind: 'shout' }), 'invalid_field', 'kind');
    await rejects(send({ text: '  ' }), 'invalid_field', 'text');
    await rejects(send({ text: 'x'.repeat(4_001) }), 'message_too_large', 'text');
    await rejects(send({ clientMsgId: '' }), 'invalid_field', 'client_msg_id');
    await rejects(send({ clientMsgId: 'c'.repeat(65) }), 'invalid_field', 'client_msg_id');
    await rejects(send({ replyToSeq: -1 }), 'invalid_seq', 'reply_to_seq');
    await rejects(send({ replyToSeq: 7 }), 'invalid_field', 'reply_to_seq');
    await rejects(send({ file: image }), 'invalid_field', 'file');
    await rejects(send({ kind: 'image', text: '' }), 'invalid_field', 'file');
    await rejects(
      send({ kind: 'image', file: { ...image, mimeType: 'text/html' } }),
      'invalid_field',
      'file.mime_type',
    );
    await rejects(send({ kind: 'file', file: { ...image, fileId: '' } }), 'invalid_field');
    await rejects(send({ kind: 'file', file: { ...image, size: -1 } }), 'invalid_field');
    await rejects(
      send({ kind: 'voice', file: { ...image, mimeType: 'audio/ogg', durationMs: 0 } }),
      'invalid_field',
      'file.duration_ms',
    );
    const many = Array.from({ length: 51 }, () => randomUUID());
    await rejects(send({ mentionIds: many }), 'invalid_field', 'mention_ids');
    await rejects(client.call.send(sendRequest('a.b', user)), 'invalid_field', 'session_id');

    const page = await client.call.sync({ sessionId, userId: user, afterSeq: 0, limit: 0 });
    assert.equal(page.messages.length, 0, 'nothing refused was stored');
  });

  it('counts text length in characters, so 4000 emoji fit', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);

    const reply = await client.call.send(
      sendRequest(sessionId, user, { text: '😀'.repeat(4_000) }),
    );
    assert.equal(reply.message?.seq, 1);
  });

  it('stores files, replies and mentions, dropping mentions of non-members', async () => {
    const [a, b, outsider] = [randomUUID(), randomUUID(), randomUUID()];
    const sessionId = table.session(a, b);
    await client.call.send(sendRequest(sessionId, a));

    const reply = await client.call.send(
      sendRequest(sessionId, b, {
        kind: 'image',
        text: '',
        file: { ...image, mimeType: 'IMAGE/PNG' },
        replyToSeq: 1,
        mentionIds: [a, outsider, a],
      }),
    );
    const voice = await client.call.send(
      sendRequest(sessionId, a, {
        kind: 'voice',
        text: '',
        file: { ...image, mimeType: 'audio/webm', durationMs: 3_000 },
      }),
    );

    assert.equal(reply.message?.file?.mimeType, 'image/png');
    assert.equal(reply.message?.replyToSeq, 1);
    assert.deepEqual(reply.message?.mentionIds, [a]);
    assert.equal(voice.message?.file?.durationMs, 3_000);
  });

  it('refuses negative seqs with invalid_seq and negative limits with invalid_field', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const base = { sessionId, userId: user };

    await rejects(client.call.sync({ ...base, afterSeq: -1, limit: 0 }), 'invalid_seq');
    await rejects(client.call.history({ ...base, beforeSeq: -5, limit: 0 }), 'invalid_seq');
    await rejects(client.call.edit({ ...base, seq: -1, text: 'x' }), 'invalid_seq');
    await rejects(client.call.recall({ ...base, seq: -1 }), 'invalid_seq');
    await rejects(client.call.sync({ ...base, afterSeq: 0, limit: -1 }), 'invalid_field', 'limit');
  });
});

/** Announces a membership change of the session, as the session service does, and lets it arrive. */
async function announceChange(sessionId: string): Promise<void> {
  nc.publish(`session.${sessionId}.members`, JSON.stringify({ action: 'kick', actorId: '' }));
  await nc.flush();
  await new Promise((r) => setTimeout(r, 100));
}
