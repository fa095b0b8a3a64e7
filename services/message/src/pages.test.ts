import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MessageEvent } from '@chat/proto/chat/message/v1/message';
import type { NatsConnection } from 'nats';
import {
  MembershipTable,
  startMessageBed,
  type MessageBed,
  messageClient,
  rejects,
  sendRequest,
} from './message.fixture.js';

let bed: MessageBed;
let nc: NatsConnection;
let table: MembershipTable;
let client: ReturnType<typeof messageClient>;
// An instance on the same database whose edit and recall windows are one second long.
let strict: ReturnType<typeof messageClient>;

async function fill(sessionId: string, userId: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await client.call.send(sendRequest(sessionId, userId, { text: `m${i}` }));
  }
}

const seqs = (reply: { messages: Array<{ seq: number }> }) => reply.messages.map((m) => m.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('reading and changing messages', () => {
  before(async () => {
    bed = await startMessageBed([{}, { EDIT_WINDOW_S: '1', RECALL_WINDOW_S: '1' }]);
    ({ nc, table } = bed);
    [client, strict] = bed.clients as [typeof client, typeof strict];
  });

  after(() => bed.stop());

  it('pages history backwards, newest last, and says when more lie before', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await fill(sessionId, user, 7);
    const history = (beforeSeq: number, limit: number) =>
      client.call.history({ sessionId, userId: user, beforeSeq, limit });

    const newest = await history(0, 3);
    assert.deepEqual(seqs(newest), [5, 6, 7]);
    assert.equal(newest.hasMore, true);
    const older = await history(5, 3);
    assert.deepEqual(seqs(older), [2, 3, 4]);
    const oldest = await history(2, 3);
    assert.deepEqual(seqs(oldest), [1]);
    assert.equal(oldest.hasMore, false);
    assert.deepEqual(seqs(await history(0, 7)), range(1, 7));
    assert.equal((await history(0, 7)).hasMore, false);
  });

  it('syncs forwards, oldest first, and says when more lie after', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await fill(sessionId, user, 5);
    const sync = (afterSeq: number, limit: number) =>
      client.call.sync({ sessionId, userId: user, afterSeq, limit });

    const first = await sync(0, 2);
    assert.deepEqual(seqs(first), [1, 2]);
    assert.equal(first.hasMore, true);
    const rest = await sync(2, 10);
    assert.deepEqual(seqs(rest), [3, 4, 5]);
    assert.equal(rest.hasMore, false);
    assert.deepEqual(seqs(await sync(5, 10)), []);
    assert.deepEqual(seqs(await sync(99, 10)), []);
  });

  it('caps history at 100 and sync at 200 messages a page', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    for (let i = 0; i < 210; i++) {
      await client.call.appendSystem({
        sessionId,
        eventId: `e${i}`,
        event: { action: 'rename', actorId: user, targetIds: [], detail: `n${i}` },
      });
    }

    const history = await client.call.history({
      sessionId,
      userId: user,
      beforeSeq: 0,
      limit: 500,
    });
    assert.deepEqual(seqs(history), range(111, 210));
    assert.equal(history.hasMore, true);
    const sync = await client.call.sync({ sessionId, userId: user, afterSeq: 0, limit: 500 });
    assert.deepEqual(seqs(sync), range(1, 200));
    assert.equal(sync.hasMore, true);
  });

  it('lets the sender edit and recall, and announces both', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const events: MessageEvent[] = [];
    const sub = nc.subscribe(`session.${sessionId}.event`, {
      callback: (_err, msg) => events.push(MessageEvent.decode(msg.data)),
    });
    await nc.flush();
    await fill(sessionId, user, 1);

    const edited = await client.call.edit({ sessionId, userId: user, seq: 1, text: 'better' });
    assert.equal(edited.message?.text, 'better');
    assert.ok(edited.message!.editedAtMs > 0);
    const recalled = await client.call.recall({ sessionId, userId: user, seq: 1 });
    assert.equal(recalled.message?.recalled, true);
    assert.equal(recalled.message?.text, '');
    assert.equal(recalled.message?.seq, 1);

    const [stored] = (await client.call.sync({ sessionId, userId: user, afterSeq: 0, limit: 0 }))
      .messages;
    assert.equal(stored?.recalled, true);
    assert.equal(stored?.text, '');
    await new Promise((r) => setTimeout(r, 200));
    sub.unsubscribe();
    assert.deepEqual(
      events.map((e) => [e.type, e.message?.seq, e.message?.text]),
      [
        ['stored', 1, 'm1'],
        ['edited', 1, 'better'],
        ['recalled', 1, ''],
      ],
    );
  });

  it('recall clears the file of a file message', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    const file = {
      fileId: 'f9',
      name: 'a.pdf',
      mimeType: 'application/pdf',
      size: 10,
      thumbnailFileId: '',
      width: 0,
      height: 0,
      durationMs: 0,
    };
    await client.call.send(sendRequest(sessionId, user, { kind: 'file', text: 'see', file }));

    const recalled = await client.call.recall({ sessionId, userId: user, seq: 1 });
    assert.equal(recalled.message?.file, undefined);
    assert.equal(recalled.message?.text, '');
  });

  it('refuses changes by others, to system and recalled messages, and to missing ones', async () => {
    const [author, other] = [randomUUID(), randomUUID()];
    const sessionId = table.session(author, other);
    await fill(sessionId, author, 2);
    await client.call.appendSystem({
      sessionId,
      eventId: randomUUID(),
      event: { action: 'join', actorId: other, targetIds: [other], detail: '' },
    });
    await client.call.recall({ sessionId, userId: author, seq: 2 });

    const edit = (userId: string, seq: number, text = 'x') =>
      client.call.edit({ sessionId, userId, seq, text });
    await rejects(edit(other, 1), 'not_sender');
    await rejects(client.call.recall({ sessionId, userId: other, seq: 1 }), 'not_sender');
    await rejects(edit(other, 3), 'not_sender');
    await rejects(edit(author, 2), 'not_found');
    await rejects(client.call.recall({ sessionId, userId: author, seq: 2 }), 'not_found');
    await rejects(edit(author, 99), 'not_found');
    await rejects(edit(author, 1, ''), 'invalid_field', 'text');
    await rejects(edit(author, 1, 'y'.repeat(4_001)), 'message_too_large');
  });

  it('refuses edits and recalls once their window has passed', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await fill(sessionId, user, 2);

    await strict.call.edit({ sessionId, userId: user, seq: 2, text: 'in time' });
    await new Promise((r) => setTimeout(r, 1_100));

    await rejects(
      strict.call.edit({ sessionId, userId: user, seq: 1, text: 'late' }),
      'edit_window_passed',
    );
    await rejects(strict.call.recall({ sessionId, userId: user, seq: 1 }), 'edit_window_passed');
    const kept = await client.call.edit({ sessionId, userId: user, seq: 1, text: 'ok here' });
    assert.equal(kept.message?.text, 'ok here', 'the default window is 15 minutes');
  });

  it('appends a system event once per event id, with a seq like any message', async () => {
    const user = randomUUID();
    const sessionId = table.session(user);
    await fill(sessionId, user, 1);
    const req = {
      sessionId,
      eventId: randomUUID(),
      event: { action: 'rename', actorId: user, targetIds: [], detail: 'Lunch' },
    };

    const first = await client.call.appendSystem(req);
    const again = await strict.call.appendSystem(req);

    assert.equal(first.duplicate, false);
    assert.equal(first.message?.seq, 2);
    assert.equal(first.message?.kind, 'system');
    assert.equal(first.message?.senderId, '');
    assert.deepEqual(first.message?.system, req.event);
    assert.equal(again.duplicate, true);
    assert.equal(again.message?.seq, 2);
    await rejects(client.call.appendSystem({ ...req, eventId: '' }), 'invalid_field', 'event_id');
    await rejects(
      client.call.appendSystem({ ...req, eventId: randomUUID(), event: undefined }),
      'invalid_field',
    );
  });

  it('gives the latest message of each session named, leaving out empty ones', async () => {
    const user = randomUUID();
    const [busy, quiet, empty] = [table.session(user), table.session(user), table.session(user)];
    await fill(busy, user, 3);
    await fill(quiet, user, 1);

    const reply = await client.call.latest({ sessionIds: [quiet, empty, busy, quiet] });

    assert.deepEqual(
      reply.messages.map((m) => [m.sessionId, m.seq]),
      [
        [quiet, 1],
        [busy, 3],
      ],
    );
    const tooMany = Array.from({ length: 201 }, () => randomUUID());
    await rejects(client.call.latest({ sessionIds: tooMany }), 'invalid_field', 'session_ids');
  });
});
