import { randomBytes } from 'node:crypto';
import type { SendRequest } from '@chat/proto/chat/message/v1/message';
import { textSend, type BusSender } from './bus-send.js';
import { eachLimited, range } from './pool.js';
import { groupRequest, userId, type SessionCalls } from './session-seed.js';

/** How many sessions and messages there are before the load starts. */
export interface MessageSizes {
  /** Sessions the spread sends go round, one sender each. */
  spreadSessions: number;
  /** Sessions the history and sync series read, each filled with `historyLength` messages. */
  historySessions: number;
  historyLength: number;
  /** Sessions named in each Latest call: a session list's page asks for 50. */
  latestSessions: number;
}

/** A session and the member who sends to it. */
export interface Chat {
  sessionId: string;
  senderId: string;
}

export interface MessageFixture {
  /** A tag unique to this run, in every id it makes. */
  run: string;
  sizes: MessageSizes;
  spread: Chat[];
  hot: Chat;
  history: Chat[];
  /** The sends that filled the history sessions, for sending again. */
  sent: SendRequest[];
}

const SETUP_CONCURRENCY = 8;
const SETUP_TIMEOUT_MS = 30_000;

/**
 * Makes the sessions through the session service (so that the message service finds their
 * members there) and fills the history sessions through the bus, one send at a time per
 * session, as their members would.
 */
export async function seedMessages(
  sessions: SessionCalls,
  bus: BusSender,
  sizes: MessageSizes,
): Promise<MessageFixture> {
  const run = randomBytes(4).toString('hex');
  const group = (role: string, g: number) => openGroup(sessions, run, role, g);

  const spread = await eachLimited(range(sizes.spreadSessions), SETUP_CONCURRENCY, (g) =>
    group('s', g),
  );
  const hot = await group('hot', 0);
  const history = await eachLimited(range(sizes.historySessions), SETUP_CONCURRENCY, (g) =>
    group('h', g),
  );

  const perSession = await eachLimited(history, history.length, async (chat, g) => {
    const sent: SendRequest[] = [];
    for (let k = 1; k <= sizes.historyLength; k++) {
      const req = textSend(chat.sessionId, chat.senderId, `${run}-h-${g}-${k}`, `history ${k}`);
      await bus.send(req, SETUP_TIMEOUT_MS);
      sent.push(req);
    }
    return sent;
  });

  return { run, sizes, spread, hot, history, sent: perSession.flat() };
}

/** A group of three: its creator, who sends, and two members who read. */
async function openGroup(
  sessions: SessionCalls,
  run: string,
  role: string,
  g: number,
): Promise<Chat> {
  const senderId = userId(run, `${role}s`, g);
  const readers = [1, 2].map((k) => userId(run, `${role}r`, g, k));
  const reply = await sessions.createGroup(
    groupRequest(senderId, `${role} ${g}`, 'invite', readers),
    { deadlineMs: SETUP_TIMEOUT_MS },
  );
  return { sessionId: reply.session!.id, senderId };
}
