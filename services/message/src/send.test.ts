import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { subjects } from '@chat/kit';
import { MessageEvent, SendReply, SendRequest } from '@chat/proto/chat/message/v1/message';
import type { NatsConnection } from 'nats';
import {
  MembershipTable,
  startMessageBed,
  type MessageBed,
  messageClient,
  sendOverBus,
  sendRequest,
} from './message.fixture.js';

let bed: MessageBed;
let nc: NatsConnection;
let table: MembershipTable;
let client: ReturnType<typeof messageClient>;

/** Every MessageEvent published for the session until `stop` is called. */
function collectEvents(sessionId: string) {
  const events: MessageEvent[] = [];
  const sub = nc.subscribe(`session.${sessionId}.event`, {
    callback: (_err, msg) => events.push(MessageEvent.decode(msg.data)),
  });
  return { events, ready: nc.flush(), stop: () => sub.unsubscribe() };
}

describe('sending messages', () => {
  before(async () => {
    bed = await startMessageBed([{}, {}]);
    ({ nc, table } = bed);
    // Two instances on one database, as in production: both take sends from the bus.
    client = bed.clients[0]!;
  });

  after(() => bed.stop());

  it('numbers 200 concurrent sends from two instances 1 to 200, with no gap or repeat', async () => {
    const users = Array.from({ length: 10 }, () => randomUUID());
    const sessionId = table.session(...users);

    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        sendOverBus(nc, sendRequest(sessionId, users[i % users.length]!, { text: `m${i}` })),
      ),
    );

    for (const reply of replies) assert.equal(reply.errorCode, '', reply.errorMessage);
    const seqs = replies.map((r) => r.message!.seq).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 200 }, (_, i) => i + 1),
    );

    const page = await client.call.sync({ sessionId, userId: users[0]!, afterSeq: 0, limit: 200 });
    assert.deepEqual(
      page.messages.map((m) => m.seq),
      seqs,
    );
    assert.equal(new Set(page.messages.map((m) => m.text)).size, 200);
    assert.equal(page.hasMore, false);
  });

  it('answers a retried send with the stored message and duplicate set', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await sendOverBus(nc, sendRequest(sessionId, user));

    const req = sendRequest(sessionId, user, { text: 'once' });
    const first = await sendOverBus(nc, req);
    const again = await sendOverBus(nc, { ...req, text: 'changed on retry' });
    const overGrpc = await client.call.send(req);

    assert.equal(first.duplicate, false);
    assert.equal(first.message?.seq, 2);
    for (const retry of [again, overGrpc]) {
      assert.equal(retry.duplicate, true);
      assert.equal(retry.message?.seq, 2);
      assert.equal(retry.message?.id, first.message?.id);
      assert.equal(retry.message?.text, 'once');
    }
  });

  it('stores concurrent retries of one send once, on either instance', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const req = sendRequest(sessionId, user);

    const replies = await Promise.all(Array.from({ length: 20 }, () => sendOverBus(nc, req)));

    assert.equal(replies.filter((r) => !r.duplicate).length, 1);
    assert.deepEqual(new Set(replies.map((r) => r.message?.seq)), new Set([1]));
    const page = await client.call.sync({ sessionId, userId: user, afterSeq: 0, limit: 0 });
    assert.equal(page.messages.length, 1);
  });

  it('keeps client message ids apart per sender', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const sessionId = table.session(a, b);
    const clientMsgId = randomUUID();

    const fromA = await sendOverBus(nc, sendRequest(sessionId, a, { clientMsgId }));
    const fromB = await sendOverBus(nc, sendRequest(sessionId, b, { clientMsgId }));

    assert.equal(fromB.duplicate, false);
    assert.deepEqual([fromA.message?.seq, fromB.message?.seq], [1, 2]);
  });

  it('announces each stored message once on the session event subject', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const watch = collectEvents(sessionId);
    await watch.ready;

    const req = sendRequest(sessionId, user, { text: 'news' });
    const reply = await sendOverBus(nc, req);
    await sendOverBus(nc, req);
    await nc.flush();
    await new Promise((r) => setTimeout(r, 200));
    watch.stop();

    assert.equal(watch.events.length, 1);
    assert.equal(watch.events[0]!.type, 'stored');
    assert.deepEqual(watch.events[0]!.message, reply.message);
  });

  it('answers a malformed payload with invalid_field instead of leaving it unanswered', async () => {
    const sessionId = table.session(randomUUID());
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]);

    const msg = await nc.request(subjects.send(sessionId), garbage, { timeout: 5_000 });
    const reply = SendReply.decode(msg.data);

    assert.equal(reply.errorCode, 'invalid_field');
    assert.equal(reply.message, undefined);
  });

  it('refuses a send whose session differs from its subject', async () => {
    const user = randomUUID();
    const [sessionId, other] = [table.session(user), table.session(user)];
    const req = SendRequest.encode(sendRequest(other, user)).finish();

    const msg = await nc.request(subjects.send(sessionId), req, { timeout: 5_000 });

    assert.equal(SendReply.decode(msg.data).errorCode, 'invalid_field');
  });
});
