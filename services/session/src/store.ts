import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '@chat/kit';

export type Kind = 'private' | 'group';
export type Visibility = 'public' | 'invite';
export type Role = 'owner' | 'admin' | 'member';

export interface LastMessageDoc {
  seq: number;
  senderId: string;
  kind: string;
  preview: string;
  createdAtMs: number;
}

export interface SessionDoc {
  _id: string;
  kind: Kind;
  name: string;
  /** Lower-cased name, for case-insensitive search. */
  nameKey: string;
  iconFileId: string;
  /** Empty for private sessions. */
  visibility: Visibility | '';
  /** Empty for private sessions and for a group its last member left. */
  ownerId: string;
  memberCount: number;
  /** The two users of a private session; empty for groups. */
  memberIds: string[];
  createdAtMs: number;
  lastActivityMs: number;
  lastSeq: number;
  lastMessage: LastMessageDoc | null;
}

/** `_id` is `<sessionId>:<userId>`, which makes joining twice harmless. */
export interface MembershipDoc {
  _id: string;
  sessionId: string;
  userId: string;
  role: Role;
  joinedAtMs: number;
  mutedUntilMs: number;
  readSeq: number;
}

export interface BanDoc {
  _id: string;
  sessionId: string;
  userId: string;
  actorId: string;
  atMs: number;
}

/** `_id` is `<smaller user id>:<larger user id>`: one private session per pair of users. */
export interface PrivateDoc {
  _id: string;
  sessionId: string;
}

/** A system message not yet written into its session by the message service. */
export interface OutboxDoc {
  /** The event id the message service deduplicates on. */
  _id: string;
  sessionId: string;
  action: string;
  actorId: string;
  targetIds: string[];
  detail: string;
  createdAtMs: number;
  /** Creation order, finer than milliseconds: a session's events are written in this order. */
  order: number;
  /** How often the message service refused it. */
  attempts: number;
}

export interface SessionStore {
  sessions: Collection<SessionDoc>;
  memberships: Collection<MembershipDoc>;
  bans: Collection<BanDoc>;
  privates: Collection<PrivateDoc>;
  outbox: Collection<OutboxDoc>;
}

export function openStore(db: Db): SessionStore {
  return {
    sessions: db.collection<SessionDoc>('sessions'),
    memberships: db.collection<MembershipDoc>('memberships'),
    bans: db.collection<BanDoc>('bans'),
    privates: db.collection<PrivateDoc>('privates'),
    outbox: db.collection<OutboxDoc>('outbox'),
  };
}

export const membershipId = (sessionId: string, userId: string) => `${sessionId}:${userId}`;

export const sessionIndexes: CollectionIndexes[] = [
  {
    collection: 'memberships',
    indexes: [
      { key: { sessionId: 1, userId: 1 }, name: 'session_user_unique', unique: true },
      { key: { userId: 1 }, name: 'user' },
      { key: { sessionId: 1, joinedAtMs: 1 }, name: 'session_joined' },
    ],
  },
  {
    collection: 'sessions',
    indexes: [
      { key: { visibility: 1, lastActivityMs: -1 }, name: 'visibility_activity' },
      { key: { lastActivityMs: -1 }, name: 'activity' },
    ],
  },
  { collection: 'outbox', indexes: [{ key: { order: 1 }, name: 'order' }] },
];
