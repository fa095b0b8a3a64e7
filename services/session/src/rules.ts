// The rules of sessions, free of I/O: what a valid name or page is, and who may do what to whom.
import { InvalidFieldError } from '@chat/kit';
import { ForbiddenError, InvalidSeqError } from './errors.js';
import type { Role, Visibility } from './store.js';

const ID = /^[A-Za-z0-9-]{1,64}$/;
const MAX_NAME = 64;
export const MAX_PAGE = 100;
const MAX_OFFSET = 100_000;
/** Most users named in one create or invite call. */
export const MAX_INVITEES = 100;

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/** A trimmed group name of 1 to 64 characters. */
export function parseName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > MAX_NAME) {
    throw new InvalidFieldError('name', `A group name has 1 to ${MAX_NAME} characters.`);
  }
  return name;
}

export function parseVisibility(raw: string): Visibility {
  if (raw === 'public' || raw === 'invite') return raw;
  throw new InvalidFieldError('visibility', 'Visibility is "public" or "invite".');
}

/** The role an owner may give: admin or member (ownership moves by transfer only). */
export function parseRole(raw: string): Exclude<Role, 'owner'> {
  if (raw === 'admin' || raw === 'member') return raw;
  throw new InvalidFieldError('role', 'The role is "admin" or "member".');
}

/** A file id of the files service, or empty for none. */
export function parseIconFileId(raw: string): string {
  if (raw !== '' && !ID.test(raw)) throw new InvalidFieldError('iconFileId', 'Not a file id.');
  return raw;
}

/** User ids to add, without duplicates and without `except`. */
export function parseUserIds(raw: string[], field: string, except: string): string[] {
  if (raw.length > MAX_INVITEES) {
    throw new InvalidFieldError(field, `At most ${MAX_INVITEES} users at once.`);
  }
  for (const id of raw) if (!ID.test(id)) throw new InvalidFieldError(field, 'Not a user id.');
  return [...new Set(raw)].filter((id) => id !== except);
}

export function isId(raw: string): boolean {
  return ID.test(raw);
}

export interface Page {
  offset: number;
  limit: number;
}

/** Offset 0 or more; limit 0 means the default, otherwise 1 to 100. */
export function parsePage(offset: number, limit: number, fallback = 50): Page {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new InvalidFieldError('offset', `The offset is 0 to ${MAX_OFFSET}.`);
  }
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw new InvalidFieldError('limit', `The limit is 1 to ${MAX_PAGE}.`);
  }
  return { offset, limit: limit === 0 ? fallback : limit };
}

export function parseSeq(seq: number): number {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new InvalidSeqError();
  return seq;
}

export function parseUntil(untilMs: number): number {
  if (!Number.isSafeInteger(untilMs) || untilMs < 0) {
    throw new InvalidFieldError('untilMs', 'untilMs is an instant in milliseconds, or 0.');
  }
  return untilMs;
}

/** Owner and admins manage a group; plain members do not. */
export function requireManager(role: Role): void {
  if (RANK[role] < RANK.admin) throw new ForbiddenError('Only the owner and admins may do this.');
}

export function requireOwner(role: Role): void {
  if (role !== 'owner') throw new ForbiddenError('Only the owner may do this.');
}

/**
 * Kick, mute and ban: the owner acts on anyone but themself, an admin on plain members only.
 * `target` is undefined when the target is not a member (a ban that keeps someone out).
 */
export function requireOutranks(actor: Role, target: Role | undefined, self: boolean): void {
  requireManager(actor);
  if (self) throw new ForbiddenError('You cannot do this to yourself.');
  if (target !== undefined && RANK[actor] <= RANK[target]) {
    throw new ForbiddenError('You may only do this to members below your role.');
  }
}

/** The canonical key of a pair of users, the same from either side. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Case-insensitive substring search, with the user's text matched literally. */
export function nameFilter(query: string): RegExp | undefined {
  const text = query.trim().toLowerCase();
  if (text.length > MAX_NAME) {
    throw new InvalidFieldError('q', `Search for at most ${MAX_NAME} characters.`);
  }
  return text === '' ? undefined : new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const PREVIEW_CHARS = 80;

/** The start of a message's text for session lists; system messages show their action. */
export function previewOf(kind: string, text: string, systemAction: string): string {
  if (kind === 'system') return systemAction;
  return [...text].slice(0, PREVIEW_CHARS).join('');
}
