// The push service: presence, and per-user notifications sent through the gateway that holds
// each connection.
// Limitation: it has no handlers yet, so there is no presence and no notification; it connects
// to the bus and the database, reports health and readiness, and stops cleanly.
import { serve, startRuntime } from '@chat/kit';
import { pushSchema } from './config.js';

await serve('push', pushSchema, (config, log) =>
  startRuntime({ name: 'push', config, log, indexes: [], build: () => [] }),
);
