import { subjects, type Bus } from '@chat/kit';
import { MessageEvent } from '@chat/proto/chat/message/v1/message';
import type { MessageDoc } from './store.js';
import { toMessage } from './wire.js';

export type EventType = 'stored' | 'edited' | 'recalled';

/** Tells the gateways of a change to a session's messages. */
export type Announce = (type: EventType, doc: MessageDoc) => void;

/** Publishes MessageEvents on `session.<id>.event` (docs/protocol.md, "Bus subjects"). */
export function busAnnouncer(bus: Bus): Announce {
  return (type, doc) => {
    const event = MessageEvent.encode({ type, message: toMessage(doc) }).finish();
    bus.nc.publish(subjects.event(doc.sessionId), event);
  };
}
