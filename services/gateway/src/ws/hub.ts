import { subjects, type AsyncClient, type Bus, type Logger } from '@chat/kit';
import { MessageEvent } from '@chat/proto/chat/message/v1/message';
import type { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import type { Msg, Subscription } from 'nats';
import { messageJson } from './wire.js';
import { parseSessionSubject } from './subjects.js';

/** What the hub needs of a connection: who it is and how to send it a frame. */
export interface Peer {
  userId: string;
  /** Sends one serialised frame. */
  send(text: string): void;
}

interface LocalUser {
  peers: Set<Peer>;
  sessions: Set<string>;
  sub: Subscription;
  loaded: boolean;
}

interface SessionFeed {
  sub: Subscription;
  users: Set<string>;
}

/**
 * The sessions this gateway's users belong to, and the bus subscriptions that follow from
 * them: `session.<id>.>` for each such session and `user.<id>.>` for each connected user, held
 * only while someone here needs them. Events are turned into frames for exactly those peers.
 */
export class SessionHub {
  private readonly users = new Map<string, LocalUser>();
  private readonly feeds = new Map<string, SessionFeed>();

  constructor(
    private readonly bus: Bus,
    private readonly sessions: AsyncClient<typeof SessionServiceService>,
    private readonly log: Logger,
    /** Told the number of session subscriptions whenever it changes. */
    private readonly onFeeds: (count: number) => void = () => undefined,
  ) {}

  /** Adds a connection; the first one of a user loads their sessions and subscribes. */
  async attach(peer: Peer): Promise<void> {
    const known = this.users.get(peer.userId);
    if (known) {
      known.peers.add(peer);
      return;
    }

    const sub = this.bus.nc.subscribe(subjects.userAll(peer.userId), {
      callback: (err, msg) => !err && this.onUserEvent(peer.userId, msg),
    });
    const user: LocalUser = { peers: new Set([peer]), sessions: new Set(), sub, loaded: false };
    this.users.set(peer.userId, user);
    await this.load(peer.userId, user);
  }

  /** Removes a connection; the last one of a user releases their subscriptions. */
  detach(peer: Peer): void {
    const user = this.users.get(peer.userId);
    if (!user?.peers.delete(peer) || user.peers.size > 0) return;

    user.sub.unsubscribe();
    for (const sessionId of user.sessions) this.release(sessionId, peer.userId);
    this.users.delete(peer.userId);
  }

  /** True when the user is known here to belong to the session. */
  isMember(userId: string, sessionId: string): boolean {
    return this.users.get(userId)?.sessions.has(sessionId) ?? false;
  }

  /** Number of session subscriptions held, for metrics and tests. */
  get feedCount(): number {
    return this.feeds.size;
  }

  private async load(userId: string, user: LocalUser): Promise<void> {
    try {
      const { sessionIds } = await this.sessions.listMembershipIds({ userId });
      for (const sessionId of sessionIds) this.join(userId, sessionId);
      user.loaded = true;
    } catch (err) {
      // Deliveries wait until the list arrives; clients catch up with sync meanwhile.
      this.log.warn(
        { userId, reason: (err as Error).message },
        'memberships unavailable, retrying',
      );
      const retry = setTimeout(() => {
        if (this.users.get(userId) === user) void this.load(userId, user);
      }, 2_000);
      retry.unref();
    }
  }

  private join(userId: string, sessionId: string): void {
    const user = this.users.get(userId);
    if (!user || user.sessions.has(sessionId)) return;
    user.sessions.add(sessionId);

    let feed = this.feeds.get(sessionId);
    if (!feed) {
      const sub = this.bus.nc.subscribe(subjects.sessionAll(sessionId), {
        callback: (err, msg) => !err && this.onSessionEvent(msg),
      });
      this.feeds.set(sessionId, (feed = { sub, users: new Set() }));
      this.onFeeds(this.feeds.size);
    }
    feed.users.add(userId);
  }

  private leave(userId: string, sessionId: string): void {
    this.users.get(userId)?.sessions.delete(sessionId);
    this.release(sessionId, userId);
  }

  private release(sessionId: string, userId: string): void {
    const feed = this.feeds.get(sessionId);
    if (!feed?.users.delete(userId) || feed.users.size > 0) return;
    feed.sub.unsubscribe();
    this.feeds.delete(sessionId);
    this.onFeeds(this.feeds.size);
  }

  private onUserEvent(userId: string, msg: Msg): void {
    const event = safeJson(msg) as { action?: string; sessionId?: string } | undefined;
    if (!event?.sessionId || !msg.subject.endsWith('.sessions')) return;

    if (event.action === 'joined') this.join(userId, event.sessionId);
    if (event.action === 'left') {
      this.leave(userId, event.sessionId);
      this.sendTo([userId], { type: 'left', sessionId: event.sessionId });
    }
  }

  private onSessionEvent(msg: Msg): void {
    const { sessionId, kind } = parseSessionSubject(msg.subject);
    const feed = this.feeds.get(sessionId);
    if (!feed) return;

    const frame = this.frameFor(sessionId, kind, msg);
    if (!frame) return;
    const skip = kind === 'typing' ? (frame as { userId?: string }).userId : undefined;
    this.sendTo(
      [...feed.users].filter((u) => u !== skip),
      frame,
    );
  }

  private frameFor(sessionId: string, kind: string, msg: Msg): object | undefined {
    if (kind === 'event') {
      try {
        const event = MessageEvent.decode(msg.data);
        const type = event.type === 'stored' ? 'deliver' : event.type;
        return { type, sessionId, message: messageJson(event.message) };
      } catch (err) {
        this.log.warn({ err, subject: msg.subject }, 'malformed message event ignored');
        return undefined;
      }
    }
    const body = safeJson(msg);
    if (!body) return undefined;
    if (kind === 'typing') return { type: 'typing', sessionId, userId: body['userId'] };
    if (kind === 'read')
      return { type: 'read', sessionId, userId: body['userId'], seq: body['seq'] };
    if (kind === 'members') return { type: 'member', sessionId, ...body };
    return undefined;
  }

  private sendTo(userIds: string[], frame: object): void {
    const text = JSON.stringify(frame);
    for (const userId of userIds) {
      for (const peer of this.users.get(userId)?.peers ?? []) peer.send(text);
    }
  }
}

function safeJson(msg: Msg): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(msg.data));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
