import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MessageEvent, type Message } from '@chat/proto/chat/message/v1/message';
import { eventually, listen, newId, startBed, type SessionBed } from './session.fixture.js';

let bed: SessionBed;

const createGroup = (userId: string, memberIds: string[] = [], name = 'Events') =>
  bed.call.createGroup({ userId, name, visibility: 'public', iconFileId: '', memberIds });

/** Publishes a message event as the message service does after storing a message. */
function publishEvent(
  type: string,
  message: Partial<Message> & { sessionId: string; seq: number },
) {
  const full: Message = {
    id: newId(),
    clientMsgId: newId(),
    senderId: '',
    kind: 'text',
    text: '',
    file: undefined,
    replyToSeq: 0,
    mentionIds: [],
    system: undefined,
    createdAtMs: Date.now(),
    editedAtMs: 0,
    recalled: false,
    ...message,
  };
  bed.nc.publish(
    `session.${message.sessionId}.event`,
    MessageEvent.encode({ type, message: full }).finish(),
  );
}

describe('bus events and activity', () => {
  before(async () => {
    bed = await startBed();
  });
  after(() => bed.stop());

  it('tells every member of a new group, and the session, that it was created', async () => {
    const [owner, a, b] = [newId(), newId(), newId()];
    const users = listen(bed.nc, 'user.*.sessions');
    const members = listen(bed.nc, 'session.*.members');
    await users.flush();

    const sessionId = (await createGroup(owner, [a, b])).session!.id;
    const heard = await users.wait(3);
    assert.deepEqual(
      heard.map((m) => m.subject).sort(),
      [owner, a, b].map((id) => `user.${id}.sessions`).sort(),
    );
    for (const m of heard) assert.deepEqual(m.body, { action: 'joined', sessionId });

    const [created] = await members.wait(1);
    assert.equal(created!.subject, `session.${sessionId}.members`);
    assert.deepEqual(created!.body, { action: 'create', actorId: owner, targetIds: [a, b] });
    users.close();
    members.close();
  });

  it('tells both users of a new private session once, and nobody on a reopen', async () => {
    const [a, b] = [newId(), newId()];
    const users = listen(bed.nc, 'user.*.sessions');
    await users.flush();

    const sessionId = (await bed.call.openPrivate({ userId: a, peerId: b })).session!.id;
    await users.wait(2);
    await bed.call.openPrivate({ userId: b, peerId: a });
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      users.seen.map((m) => [m.subject, m.body.action, m.body.sessionId]).sort(),
      [
        [`user.${a}.sessions`, 'joined', sessionId],
        [`user.${b}.sessions`, 'joined', sessionId],
      ].sort(),
    );
    users.close();
  });

  it('announces joins, roles, kicks and bans with the shapes the gateways expect', async () => {
    const [owner, joiner, banned] = [newId(), newId(), newId()];
    const sessionId = (await createGroup(owner, [banned])).session!.id;
    const members = listen(bed.nc, `session.${sessionId}.members`);
    const users = listen(bed.nc, 'user.*.sessions');
    await members.flush();

    await bed.call.join({ userId: joiner, sessionId });
    await bed.call.setRole({ userId: owner, sessionId, targetId: joiner, role: 'admin' });
    await bed.call.kick({ userId: owner, sessionId, targetId: joiner });
    await bed.call.ban({ userId: owner, sessionId, targetId: banned, banned: true });

    const seen = await members.wait(4);
    assert.deepEqual(
      seen.map((m) => m.body),
      [
        { action: 'join', actorId: joiner, targetIds: [joiner] },
        { action: 'role', actorId: owner, targetIds: [joiner], role: 'admin' },
        { action: 'kick', actorId: owner, targetIds: [joiner] },
        { action: 'ban', actorId: owner, targetIds: [banned] },
      ],
    );
    const personal = await users.wait(3);
    assert.deepEqual(
      personal.map((m) => [m.subject, m.body]),
      [
        [`user.${joiner}.sessions`, { action: 'joined', sessionId }],
        [`user.${joiner}.sessions`, { action: 'left', sessionId }],
        [`user.${banned}.sessions`, { action: 'left', sessionId }],
      ],
    );
    members.close();
    users.close();
  });

  it('publishes a read receipt when the read mark moves, and only then', async () => {
    const [owner, member] = [newId(), newId()];
    const sessionId = (await createGroup(owner, [member])).session!.id;
    const reads = listen(bed.nc, `session.${sessionId}.read`);
    await reads.flush();

    await bed.call.markRead({ userId: member, sessionId, seq: 4 });
    await bed.call.markRead({ userId: member, sessionId, seq: 2 });
    await reads.wait(1);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      reads.seen.map((m) => m.body),
      [{ userId: member, seq: 4 }],
    );
    reads.close();
  });

  it('orders joined sessions by activity and counts what each user has not read', async () => {
    const [me, friend] = [newId(), newId()];
    const quiet = (await createGroup(me, [friend], 'Quiet')).session!.id;
    const busy = (await createGroup(me, [friend], 'Busy')).session!.id;
    const later = (await createGroup(me, [friend], 'Later')).session!.id;

    const long = 'x'.repeat(100);
    const at = Date.now() + 1_000;
    const sent = (sessionId: string, seq: number, senderId: string, text: string, ms: number) =>
      publishEvent('stored', { sessionId, seq, senderId, text, createdAtMs: at + ms });
    sent(busy, 1, friend, 'one', 1);
    sent(busy, 2, friend, long, 2);
    sent(quiet, 1, me, 'mine', 3);
    await eventually(async () => {
      const { sessions } = await bed.call.listJoined({ userId: me, offset: 0, limit: 10 });
      assert.deepEqual(
        sessions.map((s) => [s.name, s.lastSeq, s.unreadCount]),
        [
          ['Quiet', 1, 0],
          ['Busy', 2, 2],
          ['Later', 0, 0],
        ],
      );
      const last = sessions[1]!.lastMessage;
      assert.equal(last?.senderId, friend);
      assert.equal(last?.preview, 'x'.repeat(80));
    });

    const theirs = await bed.call.listJoined({ userId: friend, offset: 0, limit: 10 });
    assert.deepEqual(
      theirs.sessions.map((s) => [s.name, s.unreadCount, s.myRole]),
      [
        ['Quiet', 1, 'member'],
        ['Busy', 0, 'member'],
        ['Later', 0, 'member'],
      ],
    );

    await bed.call.markRead({ userId: me, sessionId: busy, seq: 1 });
    const page = await bed.call.listJoined({ userId: me, offset: 1, limit: 1 });
    assert.deepEqual(
      page.sessions.map((s) => [s.name, s.unreadCount]),
      [['Busy', 1]],
    );
    assert.equal(page.nextOffset, 2);
    const end = await bed.call.listJoined({ userId: me, offset: 2, limit: 5 });
    assert.equal(end.nextOffset, -1);
    assert.ok(later);
  });

  it('clears the preview of a recalled last message and ignores an older stored event', async () => {
    const [me, friend] = [newId(), newId()];
    const sessionId = (await createGroup(me, [friend])).session!.id;
    publishEvent('stored', { sessionId, seq: 2, senderId: friend, text: 'second' });
    publishEvent('stored', { sessionId, seq: 1, senderId: friend, text: 'first, late' });
    await eventually(async () => {
      const s = (await bed.call.getSession({ userId: me, sessionId })).session!;
      assert.equal(s.lastMessage?.preview, 'second');
    });

    publishEvent('recalled', { sessionId, seq: 2, senderId: friend, recalled: true });
    await eventually(async () => {
      const s = (await bed.call.getSession({ userId: me, sessionId })).session!;
      assert.equal(s.lastSeq, 2);
      assert.equal(s.lastMessage?.preview, '');
    });
  });

  it('lists public groups most active first', async () => {
    const owner = newId();
    const tag = `active${Date.now()}`;
    const older = (await createGroup(owner, [], `${tag} older`)).session!.id;
    await createGroup(owner, [], `${tag} newer`);
    publishEvent('stored', {
      sessionId: older,
      seq: 1,
      senderId: owner,
      createdAtMs: Date.now() + 60_000,
    });

    await eventually(async () => {
      const { sessions } = await bed.call.listPublic({ query: tag, offset: 0, limit: 10 });
      assert.deepEqual(
        sessions.map((s) => s.name),
        [`${tag} older`, `${tag} newer`],
      );
    });
  });
});
