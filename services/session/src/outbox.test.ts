import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@chat/kit';
import { MessageServiceClient, MessageServiceService } from '@chat/proto/chat/message/v1/message';
import { eventually, newId, startBed, type SessionBed } from './session.fixture.js';

let bed: SessionBed;

describe('system messages through the outbox', () => {
  before(async () => {
    bed = await startBed();
  });
  after(() => bed.stop());

  it('keeps membership changes while the message service is down and writes them in order once it is up', async () => {
    const [owner, joiner, guest] = [newId(), newId(), newId()];
    const { session } = await bed.call.createGroup({
      userId: owner,
      name: 'Outbox',
      visibility: 'public',
      iconFileId: '',
      memberIds: [],
    });
    const sessionId = session!.id;
    await bed.call.join({ userId: joiner, sessionId });
    await bed.call.invite({ userId: joiner, sessionId, inviteeIds: [guest] });
    await bed.call.updateGroup({ userId: owner, sessionId, name: 'Renamed' });
    const peer = newId();
    await bed.call.openPrivate({ userId: owner, peerId: peer });

    const outbox = bed.service.database.db.collection('outbox');
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await outbox.find({}).sort({ order: 1 }).toArray();
    assert.deepEqual(
      waiting.map((e) => [e['sessionId'], e['action'], e['actorId'], e['targetIds'], e['detail']]),
      [
        [sessionId, 'create', owner, [], 'Outbox'],
        [sessionId, 'join', joiner, [joiner], ''],
        [sessionId, 'invite', joiner, [guest], ''],
        [sessionId, 'rename', owner, [], 'Renamed'],
      ],
      'a private session writes no system message; the group one waits for the message service',
    );

    await bed.startMessage();
    await eventually(async () => assert.equal(await outbox.countDocuments({}), 0), 10_000);

    const messages = createClient(
      MessageServiceClient,
      MessageServiceService,
      bed.messageAddr,
      'message',
    );
    const history = await messages.call.history({
      sessionId,
      userId: owner,
      beforeSeq: 0,
      limit: 10,
    });
    messages.client.close();
    assert.deepEqual(
      history.messages.map((m) => [m.seq, m.kind, m.system?.action, m.system?.detail]),
      [
        [1, 'system', 'create', 'Outbox'],
        [2, 'system', 'join', ''],
        [3, 'system', 'invite', ''],
        [4, 'system', 'rename', 'Renamed'],
      ],
    );

    // The stored system messages come back as activity: the owner's own actions are read.
    await eventually(async () => {
      const mine = await bed.call.getSession({ userId: owner, sessionId });
      assert.equal(mine.session?.lastSeq, 4);
      assert.equal(mine.session?.lastMessage?.preview, 'rename');
      const listed = await bed.call.listJoined({ userId: joiner, offset: 0, limit: 5 });
      assert.equal(listed.sessions[0]?.unreadCount, 1);
    });
  });

  it('writes a change made while the message service runs at once, and only once, unread by nobody who came later', async () => {
    await bed.startMessage();
    const owner = newId();
    const { session } = await bed.call.createGroup({
      userId: owner,
      name: 'Live',
      visibility: 'invite',
      iconFileId: '',
      memberIds: [newId()],
    });
    const sessionId = session!.id;
    await eventually(async () => {
      const listed = await bed.call.listJoined({ userId: owner, offset: 0, limit: 1 });
      assert.equal(listed.sessions[0]?.id, sessionId);
      assert.equal(listed.sessions[0]?.lastSeq, 1);
    });
    await new Promise((r) => setTimeout(r, 300));
    const mine = await bed.call.getSession({ userId: owner, sessionId });
    assert.equal(mine.session?.lastSeq, 1);

    // Someone who joins later has not "missed" the history from before they came.
    const newcomer = newId();
    await bed.call.invite({ userId: owner, sessionId, inviteeIds: [newcomer] });
    const { members } = await bed.call.listMembers({
      userId: newcomer,
      sessionId,
      offset: 0,
      limit: 10,
    });
    assert.equal(members.find((m) => m.userId === newcomer)?.readSeq, 1);
  });
});
