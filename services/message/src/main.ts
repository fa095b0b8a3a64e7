// The message service. Message storage, per-session sequence numbers, history and sync: the
// issue that builds it adds its handlers here; for now it connects, reports health and stops.
import { serve, serviceSchema, startRuntime } from '@chat/kit';

const schema = serviceSchema('message', 50053, 9103);

await serve('message', schema, (config, log) =>
  startRuntime({ name: 'message', config, log, indexes: [], build: () => [] }),
);
