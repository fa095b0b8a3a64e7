import {
  createClient,
  implement,
  startRuntime,
  type ConfigOf,
  type Logger,
  type Runtime,
} from '@chat/kit';
import { MessageServiceService } from '@chat/proto/chat/message/v1/message';
import { SessionServiceClient, SessionServiceService } from '@chat/proto/chat/session/v1/session';
import { serveSends, type SendServer } from './bus.js';
import { Changes } from './changes.js';
import type { messageSchema } from './config.js';
import { busAnnouncer } from './events.js';
import { messageHandlers } from './handlers.js';
import { SessionMemberships } from './membership.js';
import { Posting } from './posting.js';
import { Reading } from './reading.js';
import { Sequence } from './sequence.js';
import { messageIndexes, openMessages } from './store.js';

export type MessageConfig = ConfigOf<typeof messageSchema>;

/** Starts the message service; `main.ts` and the integration tests both call this. */
export async function startMessage(config: MessageConfig, log: Logger): Promise<Runtime> {
  const sessions = createClient(
    SessionServiceClient,
    SessionServiceService,
    config.SESSION_ADDR,
    'session',
  );
  const members = new SessionMemberships(sessions.call, config.MEMBERSHIP_CACHE_MS);
  let sends: SendServer | undefined;

  const runtime = await startRuntime({
    name: 'message',
    config,
    log,
    indexes: messageIndexes,
    build: ({ bus, database, metrics }) => {
      const messages = openMessages(database.db);
      const announce = busAnnouncer(bus);
      members.watch(bus);

      const posting = new Posting(
        messages,
        new Sequence(messages),
        members,
        config.MAX_TEXT_CHARS,
        announce,
      );
      const reading = new Reading(messages, members);
      const changes = new Changes(
        messages,
        members,
        {
          editWindowS: config.EDIT_WINDOW_S,
          recallWindowS: config.RECALL_WINDOW_S,
          maxTextChars: config.MAX_TEXT_CHARS,
        },
        announce,
      );
      sends = serveSends(bus, posting, log);

      const handlers = messageHandlers({ posting, reading, changes });
      return [[MessageServiceService, implement(MessageServiceService, handlers, log, metrics)]];
    },
  });

  return {
    ...runtime,
    // Sends in progress are answered before the bus and the database go away.
    stop: async () => {
      await sends?.stop();
      members.unwatch();
      await runtime.stop();
      sessions.client.close();
    },
  };
}
