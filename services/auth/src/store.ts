import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '@chat/kit';
import type { Gender } from './validate.js';
import type { KeyDoc } from './keys.js';

export interface UserDoc {
  _id: string;
  email: string;
  nickname: string;
  /** Lower-cased nickname, for case-insensitive search and sorting. */
  nicknameKey: string;
  gender: Gender;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One log-in: the refresh token chain and the `sid` claim of its access tokens. */
export interface LoginDoc {
  _id: string;
  userId: string;
  refreshHash: string;
  /** The refresh token this one replaced; presenting it again means it was stolen. */
  previousRefreshHash: string | null;
  refreshExpiresAt: Date;
  createdAt: Date;
  revokedAt: Date | null;
  address: string;
}

export interface RevocationDoc {
  _id: string;
  /** When the last access token of the login expires; after that the entry is moot. */
  expiresAt: Date;
}

export interface AttemptDoc {
  _id: string;
  count: number;
  windowEnds: Date;
}

export interface AuthStore {
  users: Collection<UserDoc>;
  logins: Collection<LoginDoc>;
  revocations: Collection<RevocationDoc>;
  attempts: Collection<AttemptDoc>;
  keys: Collection<KeyDoc>;
}

export function openStore(db: Db): AuthStore {
  return {
    users: db.collection<UserDoc>('users'),
    logins: db.collection<LoginDoc>('logins'),
    revocations: db.collection<RevocationDoc>('revocations'),
    attempts: db.collection<AttemptDoc>('attempts'),
    keys: db.collection<KeyDoc>('keys'),
  };
}

// FerretDB 1.24 has no TTL indexes, so expired revocations and attempts are deleted by a timer.
export const authIndexes: CollectionIndexes[] = [
  {
    collection: 'users',
    indexes: [
      { key: { email: 1 }, name: 'email_unique', unique: true },
      { key: { nicknameKey: 1, _id: 1 }, name: 'nickname' },
    ],
  },
  {
    collection: 'logins',
    indexes: [
      { key: { refreshHash: 1 }, name: 'refresh_unique', unique: true },
      { key: { previousRefreshHash: 1 }, name: 'previous_refresh' },
      { key: { userId: 1 }, name: 'user' },
    ],
  },
  { collection: 'revocations', indexes: [{ key: { expiresAt: 1 }, name: 'expires' }] },
  { collection: 'attempts', indexes: [{ key: { windowEnds: 1 }, name: 'window_ends' }] },
];
