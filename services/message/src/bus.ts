import type { Bus, Logger } from '@chat/kit';
import { InvalidFieldError, subjects } from '@chat/kit';
import { SendReply, SendRequest } from '@chat/proto/chat/message/v1/message';
import type { Msg, Subscription } from 'nats';
import { callerError } from './failures.js';
import { sendReply } from './handlers.js';
import type { Posting } from './posting.js';

/** Queue group of the message service: each send reaches exactly one instance. */
export const SEND_QUEUE = 'message';

export interface SendServer {
  /** Takes no more sends, then waits for those in progress to be answered. */
  stop(): Promise<void>;
}

/**
 * Answers `message.send.<session id>` requests from the gateways. Every request gets a reply: the
 * stored message, or an error code and message instead of it.
 */
export function serveSends(bus: Bus, posting: Posting, log: Logger): SendServer {
  const inFlight = new Set<Promise<void>>();

  const subscription: Subscription = bus.nc.subscribe(subjects.anySend, {
    queue: SEND_QUEUE,
    callback: (err, msg) => {
      if (err) {
        log.warn({ err }, 'send subscription failed');
        return;
      }
      const work = answer(msg, posting, log);
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
  });

  return {
    stop: async () => {
      await subscription.drain().catch(() => undefined);
      await Promise.all(inFlight);
    },
  };
}

async function answer(msg: Msg, posting: Posting, log: Logger): Promise<void> {
  const sessionId = msg.subject.split('.')[2] ?? '';
  let answered = false;
  const respond = (reply: SendReply) => {
    answered = true;
    if (msg.reply) msg.respond(SendReply.encode(reply).finish());
  };

  try {
    const req = decode(msg.data);
    if (req.sessionId !== sessionId) {
      throw new InvalidFieldError('session_id', 'The session id differs from the subject.');
    }
    await posting.send(req, (appended) => respond(sendReply(appended)));
  } catch (err) {
    const appErr = callerError(err);
    if (appErr.status >= 500) log.error({ err, sessionId }, 'send failed');
    if (!answered) {
      respond({
        message: undefined,
        duplicate: false,
        errorCode: appErr.code,
        errorMessage: appErr.message,
        retryAfter: appErr.retryAfter ?? 0,
      });
    }
  }
}

function decode(data: Uint8Array): SendRequest {
  try {
    return SendRequest.decode(data);
  } catch {
    throw new InvalidFieldError('payload', 'The send request is not a valid SendRequest.');
  }
}
