import {
  createClient,
  implement,
  startRuntime,
  type AsyncClient,
  type ConfigOf,
  type Logger,
  type Runtime,
} from '@chat/kit';
import { MessageServiceClient, MessageServiceService } from '@chat/proto/chat/message/v1/message';
import { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import { Directory } from './access.js';
import { followActivity, lastMessageOf, type ActivityFollower } from './activity.js';
import { Announcer } from './announcer.js';
import type { sessionSchema } from './config.js';
import { sessionHandlers } from './handlers.js';
import { Members } from './members.js';
import { Moderation } from './moderation.js';
import { Outbox, type Append } from './outbox.js';
import { Roster } from './roster.js';
import { Sessions } from './sessions.js';
import { openStore, sessionIndexes, type LastMessageDoc } from './store.js';
import type { LatestLookup } from './views.js';

export type SessionConfig = ConfigOf<typeof sessionSchema>;

/** A session list must not wait long for previews the stored ones mostly have already. */
const LATEST_DEADLINE_MS = 1_000;

/** Starts the session service; `main.ts` and the integration tests both call this. */
export async function startSession(config: SessionConfig, log: Logger): Promise<Runtime> {
  const messages = createClient(
    MessageServiceClient,
    MessageServiceService,
    config.MESSAGE_ADDR,
    'message',
  );
  let outbox: Outbox | undefined;
  let activity: ActivityFollower | undefined;

  const runtime = await startRuntime({
    name: 'session',
    config,
    log,
    indexes: sessionIndexes,
    build: ({ bus, database, metrics }) => {
      const store = openStore(database.db);
      const settings = {
        pollMs: config.OUTBOX_POLL_MS,
        maxBackoffMs: config.OUTBOX_MAX_BACKOFF_MS,
      };
      outbox = new Outbox(store.outbox, appendVia(messages.call), settings, log);
      const announcer = new Announcer(bus, outbox);
      const directory = new Directory(store);
      const max = config.MAX_GROUP_MEMBERS;

      const sessions = new Sessions(
        store,
        directory,
        announcer,
        latestVia(messages.call, log),
        max,
      );
      const roster = new Roster(store);
      const members = new Members(store, directory, roster, announcer, max);
      const moderation = new Moderation(store, directory, roster, announcer);
      activity = followActivity(bus, store, log);
      outbox.start();

      const handlers = sessionHandlers(sessions, members, moderation);
      return [[SessionServiceService, implement(SessionServiceService, handlers, log, metrics)]];
    },
  });

  return {
    ...runtime,
    stop: async () => {
      // Updates received before the stop are applied while the database is still there.
      await activity?.stop();
      await outbox?.stop();
      await runtime.stop();
      messages.client.close();
    },
  };
}

function appendVia(messages: AsyncClient<typeof MessageServiceService>): Append {
  return async (eventId, { sessionId, ...event }) => {
    await messages.appendSystem({ sessionId, eventId, event });
  };
}

/** Last messages from the message service; an empty answer while it is away. */
function latestVia(messages: AsyncClient<typeof MessageServiceService>, log: Logger): LatestLookup {
  return async (sessionIds) => {
    const found = new Map<string, LastMessageDoc>();
    if (sessionIds.length === 0) return found;
    try {
      const reply = await messages.latest({ sessionIds }, { deadlineMs: LATEST_DEADLINE_MS });
      for (const m of reply.messages) found.set(m.sessionId, lastMessageOf(m));
    } catch (err) {
      log.debug({ reason: (err as Error).message }, 'latest messages unavailable');
    }
    return found;
  };
}
