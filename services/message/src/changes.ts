import { NotFoundError } from '@chat/kit';
import type { EditRequest, RecallRequest } from '@chat/proto/chat/message/v1/message';
import type { Collection, UpdateFilter } from 'mongodb';
import { requirePoster, requireReader, type MembershipSource } from './access.js';
import { EditWindowPassedError, NotSenderError } from './errors.js';
import type { Announce } from './events.js';
import type { MessageDoc } from './store.js';
import { checkId, checkSeq, checkSessionId, checkText } from './validate.js';

export interface ChangeSettings {
  editWindowS: number;
  recallWindowS: number;
  maxTextChars: number;
}

/** The sender's edits and recalls of their own messages, within their time windows. */
export class Changes {
  constructor(
    private readonly messages: Collection<MessageDoc>,
    private readonly members: MembershipSource,
    private readonly settings: ChangeSettings,
    private readonly announce: Announce,
  ) {}

  /** A muted member may not edit: an edit posts new text. */
  async edit(req: EditRequest): Promise<MessageDoc> {
    const { sessionId, userId, seq } = checkTarget(req);
    requirePoster(await this.members.get(sessionId, userId), Date.now());

    const doc = await this.ownMessage(sessionId, seq, userId, this.settings.editWindowS);
    const text = checkText(req.text, doc.kind === 'text', this.settings.maxTextChars);
    return this.change(doc, 'edited', { $set: { text, editedAt: new Date() } });
  }

  /** A recalled message keeps its seq and loses its text and file. */
  async recall(req: RecallRequest): Promise<MessageDoc> {
    const { sessionId, userId, seq } = checkTarget(req);
    requireReader(await this.members.get(sessionId, userId));

    const doc = await this.ownMessage(sessionId, seq, userId, this.settings.recallWindowS);
    return this.change(doc, 'recalled', { $set: { recalled: true, text: '', file: null } });
  }

  private async ownMessage(sessionId: string, seq: number, userId: string, windowS: number) {
    const doc = await this.messages.findOne({ sessionId, seq });
    if (!doc || doc.recalled) throw new NotFoundError('The message');
    if (doc.kind === 'system' || doc.senderId !== userId) throw new NotSenderError();
    if (Date.now() - doc.createdAt.getTime() > windowS * 1000) {
      throw new EditWindowPassedError(windowS);
    }
    return doc;
  }

  // The filter repeats `recalled: false`, so an edit racing a recall cannot bring text back.
  private async change(
    doc: MessageDoc,
    type: 'edited' | 'recalled',
    update: UpdateFilter<MessageDoc>,
  ): Promise<MessageDoc> {
    const changed = await this.messages.findOneAndUpdate(
      { _id: doc._id, recalled: false },
      update,
      {
        returnDocument: 'after',
      },
    );
    if (!changed) throw new NotFoundError('The message');

    this.announce(type, changed);
    return changed;
  }
}

function checkTarget(req: { sessionId: string; userId: string; seq: number }) {
  return {
    sessionId: checkSessionId(req.sessionId),
    userId: checkId('user_id', req.userId),
    seq: checkSeq('seq', req.seq),
  };
}
