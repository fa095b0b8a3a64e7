import { BannedError, MutedError, NotMemberError } from './errors.js';

/** What the message service needs to know of a user's place in a session. */
export interface Membership {
  member: boolean;
  banned: boolean;
  /** Muted until this instant (ms since the epoch); 0 when not muted. */
  mutedUntilMs: number;
}

/** Where memberships come from: the session service, in production. */
export interface MembershipSource {
  get(sessionId: string, userId: string): Promise<Membership>;
}

/** May the user read the session (history, sync, recall of their own messages)? */
export function requireReader(m: Membership): void {
  if (m.banned) throw new BannedError();
  if (!m.member) throw new NotMemberError();
}

/** May the user post to the session (send, edit)? */
export function requirePoster(m: Membership, nowMs: number): void {
  requireReader(m);
  if (m.mutedUntilMs > nowMs) throw new MutedError(Math.ceil((m.mutedUntilMs - nowMs) / 1000));
}
