import { subjects, type Bus } from '@chat/kit';
import { JSONCodec } from 'nats';
import type { Outbox } from './outbox.js';

/** A membership change as the gateways and the session's history hear of it. */
export interface Change {
  sessionId: string;
  /** create, join, leave, invite, kick, mute, unmute, ban, unban, role, owner, rename, update. */
  action: string;
  actorId: string;
  targetIds: string[];
  /** The new role, for role and owner changes. */
  role?: string;
  /** For the system message: the new name, the new role, the mute's end. */
  detail?: string;
  /** Users who are now members, and users who no longer are. */
  joined?: string[];
  left?: string[];
  /** False for changes that write no system message (a private session's opening). */
  system?: boolean;
}

const codec = JSONCodec();

// Limitation: the database has no transactions (FerretDB 1.24), so a change and its outbox
// entry are two writes; a crash between them loses that one system message (the change itself
// stands and is announced to nobody). Closing the gap needs transactions or an outbox entry
// written first and confirmed after.

/**
 * Tells everyone about a membership change: the system message goes to the outbox first
 * (durable), then `session.<id>.members` for the session's gateways and `user.<id>.sessions`
 * for the gateways of each user who joined or left. Subjects and shapes: docs/protocol.md.
 */
export class Announcer {
  constructor(
    private readonly bus: Bus,
    private readonly outbox: Outbox,
  ) {}

  async announce(change: Change): Promise<void> {
    const { sessionId, action, actorId, targetIds, role } = change;
    if (change.system !== false) {
      const detail = change.detail ?? '';
      await this.outbox.enqueue({ sessionId, action, actorId, targetIds, detail });
    }

    // The newcomers' gateways subscribe first; those who left still hear why, then go.
    for (const userId of change.joined ?? []) this.userEvent(userId, 'joined', sessionId);
    const members =
      role === undefined ? { action, actorId, targetIds } : { action, actorId, targetIds, role };
    this.bus.nc.publish(subjects.members(sessionId), codec.encode(members));
    for (const userId of change.left ?? []) this.userEvent(userId, 'left', sessionId);
  }

  /** Read receipts: `session.<id>.read`. */
  read(sessionId: string, userId: string, seq: number): void {
    this.bus.nc.publish(subjects.read(sessionId), codec.encode({ userId, seq }));
  }

  private userEvent(userId: string, action: 'joined' | 'left', sessionId: string): void {
    this.bus.nc.publish(subjects.userSessions(userId), codec.encode({ action, sessionId }));
  }
}
