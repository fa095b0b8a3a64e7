import type { Handlers } from '@chat/kit';
import type { MessageServiceService } from '@chat/proto/chat/message/v1/message';
import type { Changes } from './changes.js';
import { callerError } from './failures.js';
import type { Posting } from './posting.js';
import type { Page, Reading } from './reading.js';
import type { Appended } from './sequence.js';
import { toMessage } from './wire.js';

export interface MessageParts {
  posting: Posting;
  reading: Reading;
  changes: Changes;
}

/** gRPC handlers: translate between wire messages and the message domain, nothing more. */
export function messageHandlers(parts: MessageParts): Handlers<typeof MessageServiceService> {
  const { posting, reading, changes } = parts;

  return {
    send: (req) => guard(async () => sendReply(await posting.send(req))),
    history: (req) => guard(async () => pageReply(await reading.history(req))),
    sync: (req) => guard(async () => pageReply(await reading.sync(req))),
    edit: (req) => guard(async () => ({ message: toMessage(await changes.edit(req)) })),
    recall: (req) => guard(async () => ({ message: toMessage(await changes.recall(req)) })),
    latest: (req) =>
      guard(async () => {
        const docs = await posting.latest(req.sessionIds);
        return { messages: docs.map(toMessage), hasMore: false };
      }),
    appendSystem: (req) => guard(async () => sendReply(await posting.appendSystem(req))),
  };
}

export function sendReply({ doc, duplicate }: Appended) {
  return { message: toMessage(doc), duplicate, errorCode: '', errorMessage: '', retryAfter: 0 };
}

function pageReply({ messages, hasMore }: Page) {
  return { messages: messages.map(toMessage), hasMore };
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw callerError(err);
  }
}
