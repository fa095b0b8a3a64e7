import { check, type Send } from './openloop.js';
import type { SeriesSpec } from './series.js';
import { groupRequest, userId, type SessionCalls, type SessionFixture } from './session-seed.js';

type Spec = Omit<SeriesSpec, 'rates'>;

// One ListJoined call alone takes about half a second on FerretDB (see docs/benchmarks.md), so
// the usual 100 ms would end the series at its first step and hide where the store saturates.
const LIST_P99_LIMIT_MS = 1_000;

/**
 * The session service's series in the order they run: reads first, while the store holds the
 * fixture alone, then the writes that grow it. Every call carries the step's timeout as its
 * gRPC deadline.
 */
export function sessionSeries(call: SessionCalls, f: SessionFixture, deadlineMs: number): Spec[] {
  const ctx = { deadlineMs };
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const store = true;

  return [
    {
      key: 'membership',
      title: 'GetMembership: the check the message service makes per send (3 reads)',
      store,
      send: async (i) => {
        const reply = await call.getMembership(pick(f.members, i), ctx);
        check(reply.member, 'not_member');
      },
    },
    {
      key: 'get',
      title: 'GetSession of a group the caller belongs to',
      store,
      send: async (i) => {
        const reply = await call.getSession(pick(f.members, i), ctx);
        check(reply.session?.myRole !== '', 'no_role');
      },
    },
    listJoined(call, f, ctx),
    {
      key: 'members',
      title: `ListMembers: the first page (50) of a group of ${f.sizes.bigGroupMembers}`,
      store,
      send: async () => {
        const req = { ...f.bigGroup, offset: 0, limit: 0 };
        check((await call.listMembers(req, ctx)).members.length === 50, 'short_page');
      },
    },
    markRead(call, f, ctx),
    ...privateSeries(call, f, ctx),
    ...groupSeries(call, f, ctx),
  ];
}

function listJoined(call: SessionCalls, f: SessionFixture, ctx: { deadlineMs: number }): Spec {
  const shown = Math.min(50, f.sizes.listSessions);
  return {
    key: 'list',
    title:
      `ListJoined of a user in ${f.sizes.listSessions} sessions (+ message Latest of ${shown}), ` +
      `p99 limit ${LIST_P99_LIMIT_MS} ms`,
    store: true,
    p99LimitMs: LIST_P99_LIMIT_MS,
    send: async (i) => {
      const req = { userId: f.listers[i % f.listers.length]!, offset: 0, limit: 0 };
      check((await call.listJoined(req, ctx)).sessions.length === shown, 'short_page');
    },
  };
}

/** Each call moves a member's read mark past every mark before it, so every call writes. */
function markRead(call: SessionCalls, f: SessionFixture, ctx: { deadlineMs: number }): Spec {
  let seq = 0;
  return {
    key: 'read',
    title: 'MarkRead that moves the read mark (a write and a bus publish)',
    store: true,
    send: async (i) => {
      const member = f.members[i % f.members.length]!;
      await call.markRead({ ...member, seq: ++seq }, ctx);
    },
  };
}

function privateSeries(call: SessionCalls, f: SessionFixture, ctx: { deadlineMs: number }) {
  let opened = 0;
  const reopen: Send = async (i) => {
    const pair = f.privates[i % f.privates.length]!;
    const reply = await call.openPrivate({ userId: pair.userId, peerId: pair.peerId }, ctx);
    check(reply.session?.id === pair.sessionId, 'other_session');
  };
  const open: Send = async () => {
    const n = opened++;
    const req = { userId: userId(f.run, 'na', n), peerId: userId(f.run, 'nb', n) };
    check((await call.openPrivate(req, ctx)).session?.kind === 'private', 'not_private');
  };

  return [
    {
      key: 'reopen',
      title: `OpenPrivate of a pair that has its session (${f.privates.length} pairs)`,
      store: true,
      send: reopen,
    },
    {
      key: 'open',
      title: 'OpenPrivate of a new pair: creates the session',
      store: true,
      send: open,
    },
  ];
}

function groupSeries(call: SessionCalls, f: SessionFixture, ctx: { deadlineMs: number }) {
  let created = 0;
  let joined = 0;
  const create: Send = async () => {
    const n = created++;
    const others = [1, 2, 3].map((k) => userId(f.run, 'gm', n, k));
    const req = groupRequest(userId(f.run, 'g', n), `load ${n}`, 'invite', others);
    check((await call.createGroup(req, ctx)).session?.memberCount === 4, 'wrong_count');
  };
  const join: Send = async () => {
    const n = joined++;
    const sessionId = f.publicGroups[n % f.publicGroups.length]!;
    const reply = await call.join({ userId: userId(f.run, 'j', n), sessionId }, ctx);
    check(reply.session?.myRole === 'member', 'not_joined');
  };

  return [
    {
      key: 'create',
      title: 'CreateGroup of 4 members (+ its system message via the outbox)',
      store: true,
      send: create,
    },
    {
      key: 'join',
      title: `Join of a public group, new user each time, over ${f.publicGroups.length} groups`,
      store: true,
      send: join,
    },
  ];
}
