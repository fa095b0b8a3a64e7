import { randomUUID } from 'node:crypto';
import { InvalidFieldError, NotFoundError, isDuplicateKey } from '@chat/kit';
import type { Collection } from 'mongodb';
import { LoginTakenError, WeakPasswordError } from './errors.js';
import { hashPassword } from './password.js';
import type { UserDoc } from './store.js';
import {
  escapeRegex,
  normaliseEmail,
  normaliseNickname,
  parseGender,
  passwordWeakness,
} from './validate.js';

export interface Profile {
  id: string;
  email: string;
  nickname: string;
  gender: string;
  createdAtMs: number;
}

export interface NewAccount {
  email: string;
  nickname: string;
  password: string;
  gender: string;
}

export const MAX_PAGE = 50;

/** Accounts and profiles. */
export class Users {
  constructor(
    private readonly users: Collection<UserDoc>,
    private readonly scryptCost: number,
  ) {}

  async register(input: NewAccount): Promise<UserDoc> {
    const email = normaliseEmail(input.email);
    const nickname = normaliseNickname(input.nickname);
    const gender = parseGender(input.gender);
    const weakness = passwordWeakness(input.password, email);
    if (weakness) throw new WeakPasswordError('password', weakness);

    const now = new Date();
    const doc: UserDoc = {
      _id: randomUUID(),
      email,
      nickname,
      nicknameKey: nickname.toLowerCase(),
      gender,
      passwordHash: await hashPassword(input.password, this.scryptCost),
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.users.insertOne(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new LoginTakenError();
      throw err;
    }
    return doc;
  }

  async byId(id: string): Promise<UserDoc> {
    const doc = await this.users.findOne({ _id: requireId(id) });
    if (!doc) throw new NotFoundError('The user');
    return doc;
  }

  byEmail(email: string): Promise<UserDoc | null> {
    return this.users.findOne({ email: email.trim().toLowerCase() });
  }

  async update(id: string, change: { nickname?: string; gender?: string }): Promise<UserDoc> {
    const set: Partial<UserDoc> = { updatedAt: new Date() };
    if (change.nickname !== undefined) {
      set.nickname = normaliseNickname(change.nickname);
      set.nicknameKey = set.nickname.toLowerCase();
    }
    if (change.gender !== undefined) set.gender = parseGender(change.gender);

    const doc = await this.users.findOneAndUpdate(
      { _id: requireId(id) },
      { $set: set },
      { returnDocument: 'after' },
    );
    if (!doc) throw new NotFoundError('The user');
    return doc;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { passwordHash, updatedAt: new Date() } });
  }

  /** Users whose nickname contains the query, case-insensitively, in nickname order. */
  async search(query: string, offset: number, limit: number) {
    const text = query.trim().toLowerCase();
    if (text.length === 0 || text.length > 32) {
      throw new InvalidFieldError('q', 'Search for 1 to 32 characters of a nickname.');
    }
    const size = Math.min(Math.max(limit || 20, 1), MAX_PAGE);
    const skip = Math.max(offset, 0);

    const found = await this.users
      .find({ nicknameKey: { $regex: escapeRegex(text) } })
      .sort({ nicknameKey: 1, _id: 1 })
      .skip(skip)
      .limit(size + 1)
      .toArray();
    const more = found.length > size;
    return { users: found.slice(0, size), nextOffset: more ? skip + size : -1 };
  }
}

function requireId(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError('The user');
  return id;
}

/** The profile as its owner sees it. */
export function ownProfile(doc: UserDoc): Profile {
  return {
    id: doc._id,
    email: doc.email,
    nickname: doc.nickname,
    gender: doc.gender,
    createdAtMs: doc.createdAt.getTime(),
  };
}

/** The profile as other users see it: no e-mail. */
export function publicProfile(doc: UserDoc): Profile {
  return { ...ownProfile(doc), email: '' };
}
