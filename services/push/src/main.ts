// The push service. Presence and per-user notifications through the gateway that holds each connection: the
// issue that builds it adds its handlers here; for now it connects, reports health and stops.
import { serve, serviceSchema, startRuntime } from '@chat/kit';

const schema = serviceSchema('push', 50054, 9104);

await serve('push', schema, (config, log) =>
  startRuntime({ name: 'push', config, log, indexes: [], build: () => [] }),
);
