// The files service: Streamed uploads to GridFS, thumbnails and authorised downloads.
// Limitation: it has no handlers yet, so nothing can be uploaded; it connects to the bus and
// the database, reports health and readiness, and stops cleanly.
import { serve, startRuntime } from '@chat/kit';
import { filesSchema } from './config.js';

await serve('files', filesSchema, (config, log) =>
  startRuntime({ name: 'files', config, log, indexes: [], build: () => [] }),
);
