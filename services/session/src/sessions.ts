import { randomUUID } from 'node:crypto';
import { InvalidFieldError } from '@chat/kit';
import type { Filter } from 'mongodb';
import type { Directory } from './access.js';
import type { Announcer } from './announcer.js';
import { ForbiddenError, NotMemberError } from './errors.js';
import {
  isId,
  nameFilter,
  pairKey,
  parseIconFileId,
  parseName,
  parsePage,
  parseUserIds,
  parseVisibility,
  requireManager,
} from './rules.js';
import { insertOnce, newMember } from './roster.js';
import type { SessionDoc, SessionStore } from './store.js';
import { withLatest, type LatestLookup, type SessionView } from './views.js';

export interface NewGroup {
  name: string;
  visibility: string;
  iconFileId: string;
  memberIds: string[];
}

export interface GroupChange {
  name?: string | undefined;
  visibility?: string | undefined;
  iconFileId?: string | undefined;
}

export interface Membership {
  member: boolean;
  role: string;
  mutedUntilMs: number;
  banned: boolean;
  kind: string;
}

export interface SessionPage {
  views: SessionView[];
  nextOffset: number;
}

/** Opening, creating, changing and listing sessions. */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly directory: Directory,
    private readonly announcer: Announcer,
    private readonly latest: LatestLookup,
    private readonly maxMembers: number,
  ) {}

  /** The private session of two users: the same one from either side, created once. */
  async openPrivate(userId: string, peerId: string): Promise<SessionView> {
    if (!isId(peerId)) throw new InvalidFieldError('peerId', 'Not a user id.');
    if (peerId === userId) {
      throw new InvalidFieldError('peerId', 'A private session needs another user.');
    }
    const sessionId = await this.pairSession(pairKey(userId, peerId));
    const users = [userId, peerId].sort();
    const now = Date.now();

    const created = await insertOnce(this.store.sessions, {
      ...emptySession(sessionId, 'private', now),
      memberIds: users,
      memberCount: 2,
    });
    for (const id of users) {
      await insertOnce(this.store.memberships, newMember(sessionId, id, 'member', now));
    }
    if (created) {
      // A private session's history starts with its first message (seq 1): no system message.
      const change = { sessionId, action: 'create', actorId: userId, targetIds: users };
      await this.announcer.announce({ ...change, joined: users, system: false });
    }
    return this.view(sessionId, userId);
  }

  async createGroup(userId: string, input: NewGroup): Promise<SessionView> {
    const name = parseName(input.name);
    const visibility = parseVisibility(input.visibility);
    const iconFileId = parseIconFileId(input.iconFileId);
    const others = parseUserIds(input.memberIds, 'memberIds', userId);
    if (others.length + 1 > this.maxMembers) {
      throw new InvalidFieldError('memberIds', `A group has at most ${this.maxMembers} members.`);
    }

    const now = Date.now();
    const sessionId = randomUUID();
    await this.store.sessions.insertOne({
      ...emptySession(sessionId, 'group', now),
      name,
      nameKey: name.toLowerCase(),
      iconFileId,
      visibility,
      ownerId: userId,
      memberCount: others.length + 1,
    });
    await this.store.memberships.insertMany([
      newMember(sessionId, userId, 'owner', now),
      ...others.map((id) => newMember(sessionId, id, 'member', now)),
    ]);

    await this.announcer.announce({
      sessionId,
      action: 'create',
      actorId: userId,
      targetIds: others,
      detail: name,
      joined: [userId, ...others],
    });
    return this.view(sessionId, userId);
  }

  /** Owner and admins change name, icon or visibility; each kind of change is announced. */
  async updateGroup(userId: string, sessionId: string, change: GroupChange): Promise<SessionView> {
    const { session, member } = await this.directory.requireMember(sessionId, userId);
    if (session.kind !== 'group') throw new ForbiddenError('A private session has no settings.');
    requireManager(member.role);

    const set: Partial<SessionDoc> = {};
    if (change.name !== undefined) {
      const name = parseName(change.name);
      if (name !== session.name) Object.assign(set, { name, nameKey: name.toLowerCase() });
    }
    const others: string[] = [];
    if (change.visibility !== undefined) {
      const visibility = parseVisibility(change.visibility);
      if (visibility !== session.visibility) {
        set.visibility = visibility;
        others.push(`visibility=${visibility}`);
      }
    }
    if (change.iconFileId !== undefined) {
      const iconFileId = parseIconFileId(change.iconFileId);
      if (iconFileId !== session.iconFileId) {
        set.iconFileId = iconFileId;
        others.push(`icon=${iconFileId}`);
      }
    }
    if (Object.keys(set).length === 0) return { session, member };

    await this.store.sessions.updateOne({ _id: sessionId }, { $set: set });
    const base = { sessionId, actorId: userId, targetIds: [] };
    if (set.name !== undefined) {
      await this.announcer.announce({ ...base, action: 'rename', detail: set.name });
    }
    if (others.length > 0) {
      await this.announcer.announce({ ...base, action: 'update', detail: others.join(' ') });
    }
    return this.view(sessionId, userId);
  }

  /** A session the user belongs to, or any public group. */
  async get(userId: string, sessionId: string): Promise<SessionView> {
    const [session, member] = await Promise.all([
      this.directory.session(sessionId),
      this.directory.membership(sessionId, userId),
    ]);
    if (!session) throw new NotMemberError();
    if (!member && session.visibility !== 'public') throw new NotMemberError();
    return { session, member };
  }

  /** Public groups whose name contains `query`, most active first. */
  async listPublic(query: string, offset: number, limit: number): Promise<SessionPage> {
    const page = parsePage(offset, limit, 20);
    const filter: Filter<SessionDoc> = { kind: 'group', visibility: 'public' };
    const pattern = nameFilter(query);
    if (pattern) filter.nameKey = { $regex: pattern };

    const found = await this.store.sessions
      .find(filter)
      .sort({ lastActivityMs: -1, _id: 1 })
      .skip(page.offset)
      .limit(page.limit + 1)
      .toArray();
    return pageOf(found, page, (session) => ({ session, member: null }));
  }

  /** The user's sessions, most active first, with their memberships for unread counts. */
  async listJoined(userId: string, offset: number, limit: number): Promise<SessionPage> {
    const page = parsePage(offset, limit);
    const memberships = await this.store.memberships.find({ userId }).toArray();
    const mine = new Map(memberships.map((m) => [m.sessionId, m]));

    const found = await this.store.sessions
      .find({ _id: { $in: [...mine.keys()] } })
      .sort({ lastActivityMs: -1, _id: 1 })
      .skip(page.offset)
      .limit(page.limit + 1)
      .toArray();
    const shown = found.slice(0, page.limit);
    const latest = await this.latest(shown.map((s) => s._id));
    return pageOf(found, page, (s) => ({
      session: withLatest(s, latest.get(s._id)),
      member: mine.get(s._id) ?? null,
    }));
  }

  async membershipIds(userId: string): Promise<string[]> {
    const found = await this.store.memberships
      .find({ userId }, { projection: { sessionId: 1 } })
      .toArray();
    return found.map((m) => m.sessionId);
  }

  /** What a user may do in a session; reports rather than refuses. */
  async membership(userId: string, sessionId: string): Promise<Membership> {
    const [session, member, banned] = await Promise.all([
      this.directory.session(sessionId),
      this.directory.membership(sessionId, userId),
      isId(sessionId) ? this.directory.isBanned(sessionId, userId) : false,
    ]);
    return {
      member: session !== null && member !== null,
      role: member?.role ?? '',
      mutedUntilMs: member?.mutedUntilMs ?? 0,
      banned,
      kind: session?.kind ?? '',
    };
  }

  private async view(sessionId: string, userId: string): Promise<SessionView> {
    const { session, member } = await this.directory.requireMember(sessionId, userId);
    return { session, member };
  }

  /** The session id of a pair of users; the first to ask picks it, a racing second reads it. */
  private async pairSession(key: string): Promise<string> {
    const known = await this.store.privates.findOne({ _id: key });
    if (known) return known.sessionId;
    const sessionId = randomUUID();
    const inserted = await insertOnce(this.store.privates, { _id: key, sessionId });
    if (inserted) return sessionId;

    const winner = await this.store.privates.findOne({ _id: key });
    if (!winner) throw new Error('private session vanished');
    return winner.sessionId;
  }
}

function emptySession(id: string, kind: SessionDoc['kind'], now: number): SessionDoc {
  return {
    _id: id,
    kind,
    name: '',
    nameKey: '',
    iconFileId: '',
    visibility: '',
    ownerId: '',
    memberCount: 0,
    memberIds: [],
    createdAtMs: now,
    lastActivityMs: now,
    lastSeq: 0,
    lastMessage: null,
  };
}

function pageOf<T>(
  found: T[],
  page: { offset: number; limit: number },
  toView: (doc: T) => SessionView,
): SessionPage {
  const more = found.length > page.limit;
  return {
    views: found.slice(0, page.limit).map(toView),
    nextOffset: more ? page.offset + page.limit : -1,
  };
}
