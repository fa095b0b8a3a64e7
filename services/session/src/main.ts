// The session service. Private and group sessions, membership and roles: the
// issue that builds it adds its handlers here; for now it connects, reports health and stops.
import { serve, serviceSchema, startRuntime } from '@chat/kit';

const schema = serviceSchema('session', 50052, 9102);

await serve('session', schema, (config, log) =>
  startRuntime({ name: 'session', config, log, indexes: [], build: () => [] }),
);
