import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId, rejects, startBed, type SessionBed } from './session.fixture.js';

let bed: SessionBed;

const group = (userId: string, name: string, extra: Record<string, unknown> = {}) =>
  bed.call.createGroup({
    userId,
    name,
    visibility: 'public',
    iconFileId: '',
    memberIds: [],
    ...extra,
  });

describe('sessions', () => {
  before(async () => {
    bed = await startBed({ MAX_GROUP_MEMBERS: '4' });
  });
  after(() => bed.stop());

  it('opens the same private session from either side, even when both open at once', async () => {
    const [a, b] = [newId(), newId()];
    const [one, two] = await Promise.all([
      bed.call.openPrivate({ userId: a, peerId: b }),
      bed.call.openPrivate({ userId: b, peerId: a }),
    ]);
    assert.equal(one.session?.id, two.session?.id);
    assert.match(one.session!.id, /^[A-Za-z0-9-]{1,64}$/);
    assert.equal(one.session?.kind, 'private');
    assert.deepEqual(one.session?.memberIds, [a, b].sort());
    assert.equal(one.session?.memberCount, 2);

    const again = await bed.call.openPrivate({ userId: a, peerId: b });
    assert.equal(again.session?.id, one.session?.id);
    assert.deepEqual(await ids(a), [one.session!.id]);
  });

  it('refuses a private session with oneself or with a malformed id', async () => {
    const a = newId();
    await rejects(bed.call.openPrivate({ userId: a, peerId: a }), 'invalid_field', 'peerId');
    await rejects(bed.call.openPrivate({ userId: a, peerId: 'a.b' }), 'invalid_field', 'peerId');
  });

  it('creates a group with its creator as owner and the named users as members', async () => {
    const [owner, m1, m2] = [newId(), newId(), newId()];
    const { session } = await group(owner, '  Book   club ', {
      visibility: 'invite',
      iconFileId: 'file-1',
      memberIds: [m1, m2, m1, owner],
    });
    assert.equal(session?.name, 'Book club');
    assert.equal(session?.visibility, 'invite');
    assert.equal(session?.iconFileId, 'file-1');
    assert.equal(session?.ownerId, owner);
    assert.equal(session?.memberCount, 3);
    assert.equal(session?.myRole, 'owner');

    const members = await bed.call.listMembers({
      userId: m1,
      sessionId: session!.id,
      offset: 0,
      limit: 0,
    });
    const roles = new Map(members.members.map((m) => [m.userId, m.role]));
    assert.deepEqual(
      roles,
      new Map([
        [owner, 'owner'],
        [m1, 'member'],
        [m2, 'member'],
      ]),
    );
  });

  it('refuses bad names, visibilities, icons and too many members with the field named', async () => {
    const u = newId();
    await rejects(group(u, '   '), 'invalid_field', 'name');
    await rejects(group(u, 'x'.repeat(65)), 'invalid_field', 'name');
    await rejects(group(u, 'ok', { visibility: 'secret' }), 'invalid_field', 'visibility');
    await rejects(group(u, 'ok', { iconFileId: '../etc' }), 'invalid_field', 'iconFileId');
    await rejects(group(u, 'ok', { memberIds: ['{"$ne":1}'] }), 'invalid_field', 'memberIds');
    const many = [newId(), newId(), newId(), newId()];
    await rejects(group(u, 'ok', { memberIds: many }), 'invalid_field', 'memberIds');
  });

  it('lets owner and admins update a group, and no one else', async () => {
    const [owner, member] = [newId(), newId()];
    const { session } = await group(owner, 'Before', { memberIds: [member] });
    const sessionId = session!.id;

    await rejects(bed.call.updateGroup({ userId: member, sessionId, name: 'Hijack' }), 'forbidden');
    await rejects(
      bed.call.updateGroup({ userId: newId(), sessionId, name: 'Outsider' }),
      'not_member',
    );
    await rejects(
      bed.call.updateGroup({ userId: owner, sessionId, visibility: 'hidden' }),
      'invalid_field',
      'visibility',
    );

    await bed.call.setRole({ userId: owner, sessionId, targetId: member, role: 'admin' });
    const updated = await bed.call.updateGroup({
      userId: member,
      sessionId,
      name: 'After',
      visibility: 'invite',
      iconFileId: 'icon-2',
    });
    assert.equal(updated.session?.name, 'After');
    assert.equal(updated.session?.visibility, 'invite');
    assert.equal(updated.session?.iconFileId, 'icon-2');
    assert.equal(updated.session?.myRole, 'admin');
  });

  it('refuses to update a private session', async () => {
    const [a, b] = [newId(), newId()];
    const { session } = await bed.call.openPrivate({ userId: a, peerId: b });
    await rejects(
      bed.call.updateGroup({ userId: a, sessionId: session!.id, name: 'Us' }),
      'forbidden',
    );
  });

  it('shows a session to members and a public group to anyone, and nothing else', async () => {
    const [owner, outsider] = [newId(), newId()];
    const open = (await group(owner, 'Open')).session!;
    const closed = (await group(owner, 'Closed', { visibility: 'invite' })).session!;

    const seen = await bed.call.getSession({ userId: outsider, sessionId: open.id });
    assert.equal(seen.session?.name, 'Open');
    assert.equal(seen.session?.myRole, '');
    await rejects(bed.call.getSession({ userId: outsider, sessionId: closed.id }), 'not_member');
    await rejects(bed.call.getSession({ userId: owner, sessionId: newId() }), 'not_member');
    await rejects(bed.call.getSession({ userId: owner, sessionId: '{"$gt":""}' }), 'not_member');
  });

  it('lists public groups by name, case-insensitively, page by page, matching text literally', async () => {
    const owner = newId();
    const tag = `q${Date.now()}`;
    for (const name of [`${tag} Alpha`, `${tag.toUpperCase()} beta`, `${tag} Gamma`]) {
      await group(owner, name);
    }
    await group(owner, `${tag} hidden`, { visibility: 'invite' });
    await group(owner, `${tag} a.c`);

    const first = await bed.call.listPublic({ query: tag.toUpperCase(), offset: 0, limit: 2 });
    assert.equal(first.sessions.length, 2);
    assert.equal(first.nextOffset, 2);
    const rest = await bed.call.listPublic({ query: tag, offset: 2, limit: 2 });
    assert.equal(rest.sessions.length, 2);
    assert.equal(rest.nextOffset, -1);
    const names = [...first.sessions, ...rest.sessions].map((s) => s.name);
    assert.ok(!names.some((n) => n.includes('hidden')));

    assert.deepEqual(
      (await bed.call.listPublic({ query: `${tag} a.c`, offset: 0, limit: 10 })).sessions.map(
        (s) => s.name,
      ),
      [`${tag} a.c`],
    );
    for (const query of ['.*', `${tag} a.`.replace('.', '\\.'), '(', '[a-z']) {
      const found = await bed.call.listPublic({ query, offset: 0, limit: 10 });
      assert.equal(found.sessions.length, 0, query);
    }
  });

  it('refuses bad paging', async () => {
    await rejects(
      bed.call.listPublic({ query: '', offset: -1, limit: 1 }),
      'invalid_field',
      'offset',
    );
    await rejects(
      bed.call.listPublic({ query: '', offset: 0, limit: 101 }),
      'invalid_field',
      'limit',
    );
    await rejects(
      bed.call.listJoined({ userId: newId(), offset: 0, limit: -5 }),
      'invalid_field',
      'limit',
    );
  });

  it('joins public groups, refuses invite-only ones, and answers a second join with the session', async () => {
    const [owner, joiner] = [newId(), newId()];
    const open = (await group(owner, 'Joinable')).session!;
    const closed = (await group(owner, 'Invite only', { visibility: 'invite' })).session!;

    const joined = await bed.call.join({ userId: joiner, sessionId: open.id });
    assert.equal(joined.session?.myRole, 'member');
    assert.equal(joined.session?.memberCount, 2);
    const again = await bed.call.join({ userId: joiner, sessionId: open.id });
    assert.equal(again.session?.memberCount, 2);

    await rejects(bed.call.join({ userId: joiner, sessionId: closed.id }), 'forbidden');
    await rejects(bed.call.join({ userId: joiner, sessionId: newId() }), 'not_found');
  });

  it('refuses to join a full group', async () => {
    const owner = newId();
    const { session } = await group(owner, 'Full', { memberIds: [newId(), newId(), newId()] });
    await rejects(bed.call.join({ userId: newId(), sessionId: session!.id }), 'forbidden');
  });

  it('hands ownership to the oldest admin, else the oldest member, when the owner leaves', async () => {
    const [owner, older, admin] = [newId(), newId(), newId()];
    const { session } = await group(owner, 'Heirs', { memberIds: [older] });
    const sessionId = session!.id;
    await bed.call.join({ userId: admin, sessionId });
    await bed.call.setRole({ userId: owner, sessionId, targetId: admin, role: 'admin' });

    await bed.call.leave({ userId: owner, sessionId });
    const after = await bed.call.getSession({ userId: admin, sessionId });
    assert.equal(after.session?.ownerId, admin);
    assert.equal(after.session?.myRole, 'owner');
    assert.equal(after.session?.memberCount, 2);

    await bed.call.leave({ userId: admin, sessionId });
    const last = await bed.call.getSession({ userId: older, sessionId });
    assert.equal(last.session?.myRole, 'owner');
    await rejects(bed.call.leave({ userId: admin, sessionId }), 'not_member');
  });

  it('keeps a group its last member left, and makes the next to join its owner', async () => {
    const [owner, next] = [newId(), newId()];
    const { session } = await group(owner, 'Empty');
    await bed.call.leave({ userId: owner, sessionId: session!.id });

    const seen = await bed.call.getSession({ userId: next, sessionId: session!.id });
    assert.equal(seen.session?.memberCount, 0);
    assert.equal(seen.session?.ownerId, '');
    const joined = await bed.call.join({ userId: next, sessionId: session!.id });
    assert.equal(joined.session?.myRole, 'owner');
    assert.equal(joined.session?.ownerId, next);
  });

  it('refuses to leave a private session', async () => {
    const [a, b] = [newId(), newId()];
    const { session } = await bed.call.openPrivate({ userId: a, peerId: b });
    await rejects(bed.call.leave({ userId: a, sessionId: session!.id }), 'forbidden');
  });

  it('takes invitations to invite-only groups from owner and admins only', async () => {
    const [owner, member, guest, later] = [newId(), newId(), newId(), newId()];
    const { session } = await group(owner, 'Private club', {
      visibility: 'invite',
      memberIds: [member],
    });
    const sessionId = session!.id;

    await rejects(bed.call.invite({ userId: member, sessionId, inviteeIds: [guest] }), 'forbidden');
    await rejects(
      bed.call.invite({ userId: newId(), sessionId, inviteeIds: [guest] }),
      'not_member',
    );
    const invited = await bed.call.invite({
      userId: owner,
      sessionId,
      inviteeIds: [guest, member],
    });
    assert.deepEqual(invited.addedIds, [guest]);

    await bed.call.ban({ userId: owner, sessionId, targetId: later, banned: true });
    const skipped = await bed.call.invite({ userId: owner, sessionId, inviteeIds: [later] });
    assert.deepEqual(skipped.addedIds, []);
    await rejects(
      bed.call.invite({ userId: owner, sessionId, inviteeIds: [newId(), newId()] }),
      'forbidden',
    );
  });

  it('lets any member invite to a public group', async () => {
    const [owner, member, guest] = [newId(), newId(), newId()];
    const { session } = await group(owner, 'Open invite', { memberIds: [member] });
    const invited = await bed.call.invite({
      userId: member,
      sessionId: session!.id,
      inviteeIds: [guest],
    });
    assert.deepEqual(invited.addedIds, [guest]);
  });

  it('lists members to members only, page by page', async () => {
    const owner = newId();
    const others = [newId(), newId(), newId()];
    const { session } = await group(owner, 'Paged', { memberIds: others });
    const sessionId = session!.id;

    const first = await bed.call.listMembers({ userId: owner, sessionId, offset: 0, limit: 3 });
    assert.equal(first.members.length, 3);
    assert.equal(first.nextOffset, 3);
    const rest = await bed.call.listMembers({ userId: owner, sessionId, offset: 3, limit: 3 });
    assert.equal(rest.members.length, 1);
    assert.equal(rest.nextOffset, -1);
    await rejects(
      bed.call.listMembers({ userId: newId(), sessionId, offset: 0, limit: 3 }),
      'not_member',
    );
  });
});

async function ids(userId: string): Promise<string[]> {
  return (await bed.call.listMembershipIds({ userId })).sessionIds;
}
