import type { LastMessageDoc, MembershipDoc, SessionDoc } from './store.js';

/** A session as one user sees it: with their membership, when they have one. */
export interface SessionView {
  session: SessionDoc;
  member: MembershipDoc | null;
}

/** Messages after the member's read mark; seqs have no gaps, so this is a difference. */
export function unreadCount({ session, member }: SessionView): number {
  return member ? Math.max(0, session.lastSeq - member.readSeq) : 0;
}

/** The last message of each session named, or an empty map when it cannot be had. */
export type LatestLookup = (sessionIds: string[]) => Promise<Map<string, LastMessageDoc>>;

/** Takes the newer of the stored last message and one looked up from the message service. */
export function withLatest(session: SessionDoc, latest: LastMessageDoc | undefined): SessionDoc {
  if (!latest || latest.seq <= session.lastSeq) return session;
  return {
    ...session,
    lastSeq: latest.seq,
    lastMessage: latest,
    lastActivityMs: Math.max(session.lastActivityMs, latest.createdAtMs),
  };
}
