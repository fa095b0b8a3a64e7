import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId, rejects, startBed, type SessionBed } from './session.fixture.js';

let bed: SessionBed;

/** A group with an owner, an admin and two plain members. */
async function staffedGroup() {
  const [owner, admin, member, other] = [newId(), newId(), newId(), newId()];
  const { session } = await bed.call.createGroup({
    userId: owner,
    name: 'Staffed',
    visibility: 'public',
    iconFileId: '',
    memberIds: [admin, member, other],
  });
  const sessionId = session!.id;
  await bed.call.setRole({ userId: owner, sessionId, targetId: admin, role: 'admin' });
  return { sessionId, owner, admin, member, other };
}

describe('roles and moderation', () => {
  before(async () => {
    bed = await startBed();
  });
  after(() => bed.stop());

  it('lets only the owner set roles, and only to admin or member', async () => {
    const { sessionId, owner, admin, member } = await staffedGroup();
    const made = await bed.call.setRole({
      userId: owner,
      sessionId,
      targetId: member,
      role: 'admin',
    });
    assert.equal(made.member?.role, 'admin');
    const back = await bed.call.setRole({
      userId: owner,
      sessionId,
      targetId: member,
      role: 'member',
    });
    assert.equal(back.member?.role, 'member');

    await rejects(
      bed.call.setRole({ userId: admin, sessionId, targetId: member, role: 'admin' }),
      'forbidden',
    );
    await rejects(
      bed.call.setRole({ userId: owner, sessionId, targetId: member, role: 'owner' }),
      'invalid_field',
      'role',
    );
    await rejects(
      bed.call.setRole({ userId: owner, sessionId, targetId: newId(), role: 'admin' }),
      'not_member',
    );
  });

  it('lets the owner kick anyone but themself, and admins plain members only', async () => {
    const { sessionId, owner, admin, member, other } = await staffedGroup();
    await rejects(bed.call.kick({ userId: admin, sessionId, targetId: owner }), 'forbidden');
    await rejects(bed.call.kick({ userId: member, sessionId, targetId: other }), 'forbidden');
    await rejects(bed.call.kick({ userId: owner, sessionId, targetId: owner }), 'forbidden');
    await rejects(bed.call.kick({ userId: owner, sessionId, targetId: newId() }), 'not_member');

    const kicked = await bed.call.kick({ userId: admin, sessionId, targetId: member });
    assert.equal(kicked.member?.userId, member);
    await bed.call.kick({ userId: owner, sessionId, targetId: admin });
    const left = (await bed.call.getSession({ userId: owner, sessionId })).session;
    assert.equal(left?.memberCount, 2);

    const gone = await bed.call.getMembership({ userId: member, sessionId });
    assert.equal(gone.member, false);
    // A kicked user may come back to a public group; only a ban keeps them out.
    await bed.call.join({ userId: member, sessionId });
  });

  it('mutes and unmutes by the same rank rules', async () => {
    const { sessionId, owner, admin, member } = await staffedGroup();
    const until = Date.now() + 60_000;

    await rejects(
      bed.call.mute({ userId: admin, sessionId, targetId: owner, untilMs: until }),
      'forbidden',
    );
    await rejects(
      bed.call.mute({ userId: owner, sessionId, targetId: member, untilMs: -1 }),
      'invalid_field',
      'untilMs',
    );
    const muted = await bed.call.mute({
      userId: admin,
      sessionId,
      targetId: member,
      untilMs: until,
    });
    assert.equal(muted.member?.mutedUntilMs, until);
    assert.equal((await bed.call.getMembership({ userId: member, sessionId })).mutedUntilMs, until);

    await bed.call.mute({ userId: admin, sessionId, targetId: member, untilMs: 0 });
    assert.equal((await bed.call.getMembership({ userId: member, sessionId })).mutedUntilMs, 0);
  });

  it('bans a member out and keeps them out until the ban is lifted', async () => {
    const { sessionId, owner, admin, member } = await staffedGroup();
    await rejects(
      bed.call.ban({ userId: admin, sessionId, targetId: owner, banned: true }),
      'forbidden',
    );
    await bed.call.ban({ userId: admin, sessionId, targetId: member, banned: true });

    const state = await bed.call.getMembership({ userId: member, sessionId });
    assert.deepEqual(
      { member: state.member, banned: state.banned, kind: state.kind },
      { member: false, banned: true, kind: 'group' },
    );
    await rejects(bed.call.join({ userId: member, sessionId }), 'banned');
    const invited = await bed.call.invite({ userId: owner, sessionId, inviteeIds: [member] });
    assert.deepEqual(invited.addedIds, []);

    await bed.call.ban({ userId: owner, sessionId, targetId: member, banned: false });
    assert.equal((await bed.call.getMembership({ userId: member, sessionId })).banned, false);
    const back = await bed.call.join({ userId: member, sessionId });
    assert.equal(back.session?.myRole, 'member');
  });

  it('bans a user who is not in the group yet', async () => {
    const { sessionId, owner } = await staffedGroup();
    const stranger = newId();
    const reply = await bed.call.ban({
      userId: owner,
      sessionId,
      targetId: stranger,
      banned: true,
    });
    assert.equal(reply.member?.role, '');
    await rejects(bed.call.join({ userId: stranger, sessionId }), 'banned');
  });

  it('transfers ownership to a member and makes the old owner admin', async () => {
    const { sessionId, owner, admin, member } = await staffedGroup();
    await rejects(
      bed.call.transferOwnership({ userId: admin, sessionId, targetId: member }),
      'forbidden',
    );
    await rejects(
      bed.call.transferOwnership({ userId: owner, sessionId, targetId: newId() }),
      'not_member',
    );

    const moved = await bed.call.transferOwnership({ userId: owner, sessionId, targetId: member });
    assert.equal(moved.member?.role, 'owner');
    const seen = await bed.call.getSession({ userId: owner, sessionId });
    assert.equal(seen.session?.ownerId, member);
    assert.equal(seen.session?.myRole, 'admin');
    await rejects(bed.call.kick({ userId: owner, sessionId, targetId: member }), 'forbidden');
  });

  it('refuses roles and moderation in a private session', async () => {
    const [a, b] = [newId(), newId()];
    const sessionId = (await bed.call.openPrivate({ userId: a, peerId: b })).session!.id;
    await rejects(bed.call.kick({ userId: a, sessionId, targetId: b }), 'forbidden');
    await rejects(bed.call.ban({ userId: a, sessionId, targetId: b, banned: true }), 'forbidden');
    await rejects(
      bed.call.setRole({ userId: a, sessionId, targetId: b, role: 'admin' }),
      'forbidden',
    );
    await rejects(bed.call.invite({ userId: a, sessionId, inviteeIds: [newId()] }), 'forbidden');
    await rejects(bed.call.join({ userId: newId(), sessionId }), 'forbidden');
  });

  it('moves the read mark forward only, and refuses negative seqs and outsiders', async () => {
    const { sessionId, member } = await staffedGroup();
    assert.equal(
      (await bed.call.markRead({ userId: member, sessionId, seq: 5 })).member?.readSeq,
      5,
    );
    assert.equal(
      (await bed.call.markRead({ userId: member, sessionId, seq: 3 })).member?.readSeq,
      5,
    );
    await rejects(bed.call.markRead({ userId: member, sessionId, seq: -1 }), 'invalid_seq');
    await rejects(bed.call.markRead({ userId: newId(), sessionId, seq: 1 }), 'not_member');
  });

  it('reports memberships instead of refusing, and lists every session of a user', async () => {
    const { sessionId, owner } = await staffedGroup();
    const peer = newId();
    const privateId = (await bed.call.openPrivate({ userId: owner, peerId: peer })).session!.id;

    const mine = await bed.call.getMembership({ userId: owner, sessionId });
    assert.deepEqual(
      { member: mine.member, role: mine.role, banned: mine.banned, kind: mine.kind },
      { member: true, role: 'owner', banned: false, kind: 'group' },
    );
    const none = await bed.call.getMembership({ userId: newId(), sessionId: newId() });
    assert.deepEqual(
      { member: none.member, role: none.role, kind: none.kind },
      { member: false, role: '', kind: '' },
    );
    const odd = await bed.call.getMembership({ userId: owner, sessionId: 'a.b' });
    assert.equal(odd.member, false);
    assert.equal(
      (await bed.call.getMembership({ userId: peer, sessionId: privateId })).kind,
      'private',
    );

    const { sessionIds } = await bed.call.listMembershipIds({ userId: owner });
    assert.deepEqual(sessionIds.sort(), [sessionId, privateId].sort());
  });
});
