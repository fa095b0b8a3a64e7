// The session service: Private and group sessions, membership and roles.
// Limitation: it has no handlers yet (the chat-core issue adds them); it connects to the bus and
// the database, reports health and readiness, and stops cleanly.
import { serve, startRuntime } from '@chat/kit';
import { sessionSchema } from './config.js';

await serve('session', sessionSchema, (config, log) =>
  startRuntime({ name: 'session', config, log, indexes: [], build: () => [] }),
);
