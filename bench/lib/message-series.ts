import type { AsyncClient } from '@chat/kit';
import type { MessageServiceService } from '@chat/proto/chat/message/v1/message';
import type { DriverBaseline } from './baseline.js';
import { textSend, type BusSender } from './bus-send.js';
import type { Chat, MessageFixture } from './message-seed.js';
import { check, type Send } from './openloop.js';
import type { SeriesSpec } from './series.js';

export type MessageCalls = AsyncClient<typeof MessageServiceService>;
type Spec = Omit<SeriesSpec, 'rates'>;

const PAGE = 50;

export interface MessageParts {
  bus: BusSender;
  calls: MessageCalls;
  driver: DriverBaseline;
  fixture: MessageFixture;
  timeoutMs: number;
}

/**
 * The message service's series in the order they run: the reads and the repeated sends first,
 * while the store holds the fixture alone; then the new sends, which grow it. A pipeline
 * series and its driver baseline run one after the other, at the same rates.
 */
export function messageSeries(p: MessageParts): Spec[] {
  return [...readSeries(p), resendSeries(p), ...sendSeries(p)];
}

/** Where page i starts: the pages move through each history session, never shorter than 50. */
export function pageStart(i: number, historyLength: number): number {
  // The session's system message (seq 1) and the history make `historyLength + 1` messages.
  const starts = historyLength + 1 - PAGE + 1;
  return (i * 7) % Math.max(1, starts);
}

function readSeries({ calls, driver, fixture: f, timeoutMs }: MessageParts): Spec[] {
  const ctx = { deadlineMs: timeoutMs };
  const start = (i: number) => pageStart(i, f.sizes.historyLength);
  const before = (i: number) => start(i) + PAGE + 1;
  const page = (i: number) => {
    const { sessionId, senderId } = f.history[i % f.history.length]!;
    return { sessionId, userId: senderId, limit: PAGE };
  };

  const history: Send = async (i) => {
    const reply = await calls.history({ ...page(i), beforeSeq: before(i) }, ctx);
    check(reply.messages.length === PAGE, 'short_page');
  };
  const sync: Send = async (i) => {
    const reply = await calls.sync({ ...page(i), afterSeq: start(i) }, ctx);
    check(reply.messages.length === PAGE, 'short_page');
  };

  const store = true;
  const pages = `${f.history.length} sessions of ${f.sizes.historyLength + 1}`;
  return [
    { key: 'history', title: `History: a page of 50 (gRPC), ${pages}`, store, send: history },
    {
      key: 'driver-find',
      title: 'baseline: the same page straight from the driver',
      store,
      send: driver.history((i) => page(i).sessionId, before),
    },
    { key: 'sync', title: `Sync: 50 messages after a seq (gRPC), ${pages}`, store, send: sync },
  ];
}

/** A retried send: the service finds the message stored the first time and answers it again. */
function resendSeries({ bus, fixture: f, timeoutMs }: MessageParts): Spec {
  return {
    key: 'resend',
    title: `Send again with a stored client message id (${f.sent.length} of them)`,
    store: true,
    send: async (i) => {
      const reply = await bus.send(f.sent[i % f.sent.length]!, timeoutMs);
      check(reply.duplicate, 'not_duplicate');
    },
  };
}

function sendSeries({ bus, driver, fixture: f, timeoutMs }: MessageParts): Spec[] {
  const fresh = (chats: Chat[], tag: string): Send => {
    let n = 0;
    return async (i) => {
      const { sessionId, senderId } = chats[i % chats.length]!;
      const k = n++;
      await bus.send(textSend(sessionId, senderId, `${f.run}-${tag}-${k}`, `load ${k}`), timeoutMs);
    };
  };

  const store = true;
  const spread = f.spread.map((c) => c.sessionId);
  return [
    {
      key: 'send',
      title: `Send over the bus until durable, over ${spread.length} sessions`,
      store,
      send: fresh(f.spread, 's'),
    },
    {
      key: 'driver-insert',
      title:
        "baseline: the driver's insertOne at the same write concern, " +
        `${spread.length} sessions`,
      store,
      send: driver.insert(spread, f.spread[0]!.senderId, f.run),
    },
    {
      key: 'hot',
      title: 'Send over the bus, all to one session (its seqs are given one at a time)',
      store,
      send: fresh([f.hot], 'hot'),
    },
  ];
}
