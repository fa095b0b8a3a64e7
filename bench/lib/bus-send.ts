import { subjects } from '@chat/kit';
import { SendReply, SendRequest } from '@chat/proto/chat/message/v1/message';
import { connect, type NatsConnection } from 'nats';
import { RequestError } from './openloop.js';

/** A text message as a client sends it. */
export function textSend(
  sessionId: string,
  senderId: string,
  clientMsgId: string,
  text: string,
): SendRequest {
  const kind = 'text';
  return {
    sessionId,
    senderId,
    clientMsgId,
    kind,
    text,
    file: undefined,
    replyToSeq: 0,
    mentionIds: [],
  };
}

/**
 * Sends messages the way a gateway does: a request on `message.send.<session id>` with a
 * SendRequest, answered with a SendReply once the message is durable. A refusal fails with the
 * service's error code; a timeout or "no responders" with the NATS client's code.
 */
export class BusSender {
  private constructor(private readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<BusSender> {
    return new BusSender(await connect({ servers: url, name: 'load-message' }));
  }

  async send(req: SendRequest, timeoutMs: number): Promise<SendReply> {
    const data = SendRequest.encode(req).finish();
    const msg = await this.nc.request(subjects.send(req.sessionId), data, { timeout: timeoutMs });
    const reply = SendReply.decode(msg.data);

    if (reply.errorCode !== '') throw new RequestError(reply.errorCode);
    if (!reply.message || reply.message.seq <= 0) throw new RequestError('no_message');
    return reply;
  }

  close(): Promise<void> {
    return this.nc.drain();
  }
}
