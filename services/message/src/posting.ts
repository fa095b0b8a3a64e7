import { InvalidFieldError } from '@chat/kit';
import type { AppendSystemRequest, SendRequest } from '@chat/proto/chat/message/v1/message';
import type { Collection } from 'mongodb';
import { requirePoster, type MembershipSource } from './access.js';
import type { Announce } from './events.js';
import type { Appended, Sequence } from './sequence.js';
import type { MessageDoc } from './store.js';
import { checkId, checkSend, checkSessionId } from './validate.js';

export const MAX_LATEST_SESSIONS = 200;
const MAX_EVENT_ID_CHARS = 128;

/** Writing new messages: members' sends and the session service's system events. */
export class Posting {
  constructor(
    private readonly messages: Collection<MessageDoc>,
    private readonly sequence: Sequence,
    private readonly members: MembershipSource,
    private readonly maxTextChars: number,
    private readonly announce: Announce,
  ) {}

  /**
   * Stores a member's message and announces it. `acknowledge` runs once the message is stored
   * and before the announcement, so the sender hears of its ack before the delivery. Mentions
   * of users who are not members are dropped rather than refused: a member may have left while
   * the sender was typing.
   */
  async send(req: SendRequest, acknowledge?: (appended: Appended) => void): Promise<Appended> {
    const input = checkSend(req, this.maxTextChars);
    const { sessionId } = input;
    requirePoster(await this.members.get(sessionId, input.senderId), Date.now());

    if (input.replyToSeq > 0 && !(await this.exists(sessionId, input.replyToSeq))) {
      throw new InvalidFieldError('reply_to_seq', 'The message replied to does not exist.');
    }
    const mentionIds = await this.membersAmong(sessionId, input.mentionIds);

    const appended = await this.sequence.append({ ...input, mentionIds, system: null });
    acknowledge?.(appended);
    if (!appended.duplicate) this.announce('stored', appended.doc);
    return appended;
  }

  /** Writes a system event into the session; the event id makes a repeat a no-op. */
  async appendSystem(req: AppendSystemRequest): Promise<Appended> {
    const sessionId = checkSessionId(req.sessionId);
    const eventId = checkId('event_id', req.eventId, MAX_EVENT_ID_CHARS);
    const event = req.event;
    if (!event || event.action === '') {
      throw new InvalidFieldError('event.action', 'A system event needs an action.');
    }

    const appended = await this.sequence.append({
      sessionId,
      senderId: '',
      clientMsgId: eventId,
      kind: 'system',
      text: '',
      file: null,
      replyToSeq: 0,
      mentionIds: [],
      system: {
        action: event.action,
        actorId: event.actorId,
        targetIds: event.targetIds,
        detail: event.detail,
      },
    });
    if (!appended.duplicate) this.announce('stored', appended.doc);
    return appended;
  }

  /** The last message of each session named, in the order named; sessions without any left out. */
  async latest(sessionIds: string[]): Promise<MessageDoc[]> {
    if (sessionIds.length > MAX_LATEST_SESSIONS) {
      throw new InvalidFieldError(
        'session_ids',
        `At most ${MAX_LATEST_SESSIONS} sessions may be asked for.`,
      );
    }
    const unique = [...new Set(sessionIds.map(checkSessionId))];
    const found = await Promise.all(
      unique.map((sessionId) => this.messages.findOne({ sessionId }, { sort: { seq: -1 } })),
    );
    return found.filter((doc): doc is MessageDoc => doc !== null);
  }

  private async exists(sessionId: string, seq: number): Promise<boolean> {
    return (await this.messages.findOne({ sessionId, seq }, { projection: { _id: 1 } })) !== null;
  }

  private async membersAmong(sessionId: string, userIds: string[]): Promise<string[]> {
    const found = await Promise.all(
      userIds.map(async (id) => ((await this.members.get(sessionId, id)).member ? id : null)),
    );
    return found.filter((id): id is string => id !== null);
  }
}
