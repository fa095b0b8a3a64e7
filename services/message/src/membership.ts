import { AppError, subjects, type AsyncClient, type Bus } from '@chat/kit';
import type { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import type { Subscription } from 'nats';
import type { Membership, MembershipSource } from './access.js';

type SessionClient = AsyncClient<typeof SessionServiceService>;

interface Entry {
  value: Membership;
  expiresAt: number;
}

// Past this many cached entries the cache starts over, which bounds its memory.
const MAX_ENTRIES = 50_000;
const NOT_MEMBER: Membership = { member: false, banned: false, mutedUntilMs: 0 };

/**
 * Memberships from the session service's GetMembership, reused for a short while (≤ 2 s) and
 * dropped at once when the session announces a membership change on `session.<id>.members`.
 */
export class SessionMemberships implements MembershipSource {
  private readonly entries = new Map<string, Map<string, Entry>>();
  // Bumped by every change announcement, so an answer fetched before one is not cached after it.
  private generation = 0;
  private size = 0;
  private subscription: Subscription | undefined;

  constructor(
    private readonly sessions: SessionClient,
    private readonly ttlMs: number,
  ) {}

  /** Listens for membership changes; call once the bus is up. */
  watch(bus: Bus): void {
    this.subscription = bus.nc.subscribe(subjects.anyMembers, {
      callback: (_err, msg) => this.forget(msg.subject.split('.')[1] ?? ''),
    });
  }

  unwatch(): void {
    this.subscription?.unsubscribe();
  }

  async get(sessionId: string, userId: string): Promise<Membership> {
    const cached = this.entries.get(sessionId)?.get(userId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;

    const generation = this.generation;
    const value = await this.fetch(sessionId, userId);
    if (this.ttlMs > 0 && this.generation === generation) {
      this.store(sessionId, userId, { value, expiresAt: Date.now() + this.ttlMs });
    }
    return value;
  }

  forget(sessionId: string): void {
    const dropped = this.entries.get(sessionId);
    if (dropped) this.size -= dropped.size;
    this.entries.delete(sessionId);
    this.generation += 1;
  }

  private async fetch(sessionId: string, userId: string): Promise<Membership> {
    try {
      const reply = await this.sessions.getMembership({ sessionId, userId });
      return { member: reply.member, banned: reply.banned, mutedUntilMs: reply.mutedUntilMs };
    } catch (err) {
      // A session that does not exist has no members; anything else (unavailable) goes on.
      if (err instanceof AppError && (err.code === 'not_found' || err.code === 'not_member')) {
        return NOT_MEMBER;
      }
      throw err;
    }
  }

  private store(sessionId: string, userId: string, entry: Entry): void {
    if (this.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.size = 0;
    }
    let users = this.entries.get(sessionId);
    if (!users) this.entries.set(sessionId, (users = new Map()));
    if (!users.has(userId)) this.size += 1;
    users.set(userId, entry);
  }
}
