import { isDuplicateKey } from '@chat/kit';
import { membershipId, type BanDoc, type MembershipDoc, type SessionStore } from './store.js';

export function newMember(
  sessionId: string,
  userId: string,
  role: MembershipDoc['role'],
  now: number,
): MembershipDoc {
  return {
    _id: membershipId(sessionId, userId),
    sessionId,
    userId,
    role,
    joinedAtMs: now,
    mutedUntilMs: 0,
    readSeq: 0,
  };
}

/** Inserts a document unless one with its id exists; true when this call inserted it. */
export async function insertOnce<T>(collection: { insertOne(doc: T): Promise<unknown> }, doc: T) {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

// Limitation: each change here is two writes (membership, then the session's count) and
// FerretDB 1.24 applies `$inc` and conditional updates as a read and a write, not atomically:
// under concurrent changes of one group on FerretDB, memberCount may drift. MongoDB is exact.
/** Membership writes that keep the session's member count in step. */
export class Roster {
  constructor(private readonly store: SessionStore) {}

  /**
   * Adds a membership and counts it; false when the user was a member already. What was said
   * before the user came (up to `lastSeq`) does not count as unread for them.
   */
  async add(sessionId: string, userId: string, role: MembershipDoc['role'], lastSeq: number) {
    const member = { ...newMember(sessionId, userId, role, Date.now()), readSeq: lastSeq };
    if (!(await insertOnce(this.store.memberships, member))) return false;
    await this.store.sessions.updateOne({ _id: sessionId }, { $inc: { memberCount: 1 } });
    return true;
  }

  /** Removes a membership and counts it; false when there was none. */
  async remove(sessionId: string, userId: string): Promise<boolean> {
    const gone = await this.store.memberships.deleteOne({ _id: membershipId(sessionId, userId) });
    if (gone.deletedCount !== 1) return false;
    await this.store.sessions.updateOne({ _id: sessionId }, { $inc: { memberCount: -1 } });
    return true;
  }

  /** Records a ban; false when the user was banned already. */
  ban(doc: BanDoc): Promise<boolean> {
    return insertOnce(this.store.bans, doc);
  }

  /** The longest-standing member, optionally of one role. */
  oldest(filter: { sessionId: string; role?: MembershipDoc['role'] }) {
    return this.store.memberships.findOne(filter, { sort: { joinedAtMs: 1, _id: 1 } });
  }
}
