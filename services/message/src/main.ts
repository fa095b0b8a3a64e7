// The message service: Message storage, per-session sequence numbers, history and sync.
// Limitation: it has no handlers yet (the chat-core issue adds them); it connects to the bus and
// the database, reports health and readiness, and stops cleanly.
import { serve, startRuntime } from '@chat/kit';
import { messageSchema } from './config.js';

await serve('message', messageSchema, (config, log) =>
  startRuntime({ name: 'message', config, log, indexes: [], build: () => [] }),
);
