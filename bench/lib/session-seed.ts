import { randomBytes } from 'node:crypto';
import type { AsyncClient } from '@chat/kit';
import type { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import { eachLimited, range } from './pool.js';

export type SessionCalls = AsyncClient<typeof SessionServiceService>;

/** How much the session store holds before the load starts. */
export interface SessionSizes {
  /** Users whose session list the ListJoined series reads. */
  listers: number;
  /** Groups every lister belongs to: the length of each session list. */
  listSessions: number;
  /** Members of each of those groups, listers and creator included. */
  groupMembers: number;
  /** Members of the group whose member list the ListMembers series reads. */
  bigGroupMembers: number;
  /** Public groups the Join series spreads its joins over. */
  publicGroups: number;
  /** Private sessions the reopen series opens again. */
  privatePairs: number;
}

export interface Member {
  sessionId: string;
  userId: string;
}

/** What the series work on; every id was made for this run. */
export interface SessionFixture {
  /** A tag unique to this run, in every user id it makes. */
  run: string;
  sizes: SessionSizes;
  listers: string[];
  /** Every (session, member) pair of the listers' groups. */
  members: Member[];
  bigGroup: Member;
  publicGroups: string[];
  /** Two users and the private session they were given. */
  privates: { userId: string; peerId: string; sessionId: string }[];
}

// Enough calls at once to fill a few gaps in each other's waits, not enough to queue.
const SETUP_CONCURRENCY = 8;

/** User ids as the session service accepts them: letters, digits and dashes, at most 64. */
export function userId(run: string, role: string, ...parts: number[]): string {
  return [role, run, ...parts].join('-');
}

/** Makes the groups and private sessions the series need, through the service's own API. */
export async function seedSessions(
  call: SessionCalls,
  sizes: SessionSizes,
): Promise<SessionFixture> {
  const run = randomBytes(4).toString('hex');
  const listers = Array.from({ length: sizes.listers }, (_, i) => userId(run, 'l', i));
  const members = await seedListGroups(call, run, listers, sizes);
  const bigGroup = await seedGroup(call, run, 'b', 0, sizes.bigGroupMembers, 'invite');

  const publicGroups = await eachLimited(range(sizes.publicGroups), SETUP_CONCURRENCY, (g) =>
    seedGroup(call, run, 'p', g, 1, 'public').then((m) => m.sessionId),
  );
  const privates = await eachLimited(range(sizes.privatePairs), SETUP_CONCURRENCY, async (i) => {
    const [a, b] = [userId(run, 'pa', i), userId(run, 'pb', i)];
    const reply = await call.openPrivate({ userId: a, peerId: b });
    return { userId: a, peerId: b, sessionId: reply.session!.id };
  });

  return { run, sizes, listers, members, bigGroup, publicGroups, privates };
}

/** `listSessions` groups, each with every lister, a creator and members of its own. */
async function seedListGroups(
  call: SessionCalls,
  run: string,
  listers: string[],
  sizes: SessionSizes,
): Promise<Member[]> {
  const groups = await eachLimited(range(sizes.listSessions), SETUP_CONCURRENCY, async (g) => {
    const creator = userId(run, 'c', g);
    const own = range(Math.max(0, sizes.groupMembers - listers.length - 1)).map((k) =>
      userId(run, 'm', g, k),
    );
    const memberIds = [...listers, ...own];
    const reply = await call.createGroup(groupRequest(creator, `list ${g}`, 'invite', memberIds));
    return [creator, ...memberIds].map((id) => ({ sessionId: reply.session!.id, userId: id }));
  });
  return groups.flat();
}

/** A group of `size` members: its creator (returned) and `size - 1` others. */
async function seedGroup(
  call: SessionCalls,
  run: string,
  role: string,
  g: number,
  size: number,
  visibility: 'public' | 'invite',
): Promise<Member> {
  const creator = userId(run, `${role}c`, g);
  const others = range(size - 1).map((k) => userId(run, role, g, k));
  const reply = await call.createGroup(groupRequest(creator, `${role} ${g}`, visibility, others));
  return { sessionId: reply.session!.id, userId: creator };
}

export function groupRequest(
  creator: string,
  name: string,
  visibility: 'public' | 'invite',
  memberIds: string[],
) {
  return { userId: creator, name, iconFileId: '', visibility, memberIds };
}
