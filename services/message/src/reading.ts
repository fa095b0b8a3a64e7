import type { HistoryRequest, SyncRequest } from '@chat/proto/chat/message/v1/message';
import type { Collection, Filter } from 'mongodb';
import { requireReader, type MembershipSource } from './access.js';
import type { MessageDoc } from './store.js';
import { checkId, checkSeq, checkSessionId, pageLimit } from './validate.js';

export interface Page {
  messages: MessageDoc[];
  hasMore: boolean;
}

const DEFAULT_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 100;
export const MAX_SYNC_LIMIT = 200;

/** Pages of a session's messages, for its members. */
export class Reading {
  constructor(
    private readonly messages: Collection<MessageDoc>,
    private readonly members: MembershipSource,
  ) {}

  /** Messages before `beforeSeq` (0: the newest), newest last. */
  async history(req: HistoryRequest): Promise<Page> {
    const sessionId = checkSessionId(req.sessionId);
    const beforeSeq = checkSeq('before_seq', req.beforeSeq);
    const limit = pageLimit(req.limit, DEFAULT_LIMIT, MAX_HISTORY_LIMIT);
    requireReader(await this.members.get(sessionId, checkId('user_id', req.userId)));

    const filter: Filter<MessageDoc> =
      beforeSeq > 0 ? { sessionId, seq: { $lt: beforeSeq } } : { sessionId };
    const page = await this.page(filter, -1, limit);
    return { messages: page.messages.reverse(), hasMore: page.hasMore };
  }

  /** Messages after `afterSeq`, oldest first. */
  async sync(req: SyncRequest): Promise<Page> {
    const sessionId = checkSessionId(req.sessionId);
    const afterSeq = checkSeq('after_seq', req.afterSeq);
    const limit = pageLimit(req.limit, DEFAULT_LIMIT, MAX_SYNC_LIMIT);
    requireReader(await this.members.get(sessionId, checkId('user_id', req.userId)));

    return this.page({ sessionId, seq: { $gt: afterSeq } }, 1, limit);
  }

  // One more than the page is read, to learn whether more lie beyond it.
  private async page(filter: Filter<MessageDoc>, order: 1 | -1, limit: number): Promise<Page> {
    const docs = await this.messages
      .find(filter)
      .sort({ seq: order })
      .limit(limit + 1)
      .toArray();
    return { messages: docs.slice(0, limit), hasMore: docs.length > limit };
  }
}
