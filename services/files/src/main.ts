// The files service. Streamed uploads to GridFS, thumbnails and authorised downloads: the
// issue that builds it adds its handlers here; for now it connects, reports health and stops.
import { serve, serviceSchema, startRuntime } from '@chat/kit';

const schema = serviceSchema('files', 50055, 9105);

await serve('files', schema, (config, log) =>
  startRuntime({ name: 'files', config, log, indexes: [], build: () => [] }),
);
