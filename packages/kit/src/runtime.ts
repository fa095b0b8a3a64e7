import type { Server } from 'node:http';
import type {
  Server as GrpcServer,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { startGrpcServer, stopGrpcServer } from './grpc.js';
import { healthService } from './health.js';
import type { Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import { connectDatabase, type CollectionIndexes, type Database } from './mongo.js';
import { connectBus, type Bus } from './nats.js';
import { closeServer, startOpsServer, type ReadinessCheck } from './ops.js';
import { VERSION } from './start.js';

export interface RuntimeConfig {
  NATS_URL: string;
  MONGO_URL: string;
  MONGO_DB: string;
  GRPC_LISTEN: string;
  OPS_LISTEN: string;
}

export interface RuntimeParts {
  bus: Bus;
  database: Database;
  metrics: Metrics;
}

export type GrpcService = [ServiceDefinition, UntypedServiceImplementation];

export interface ServiceSpec {
  name: string;
  config: RuntimeConfig;
  log: Logger;
  indexes: CollectionIndexes[];
  /** Builds the service's own gRPC services once the bus and the database are up. */
  build(parts: RuntimeParts): Promise<GrpcService[]> | GrpcService[];
}

export interface Runtime extends RuntimeParts {
  grpc: GrpcServer;
  ops: Server;
  /** Stops in a fixed order: gRPC (finishing calls in flight), the bus, ops, the database. */
  stop(): Promise<void>;
}

/** Starts what every domain service has: bus, database, gRPC with health, and ops HTTP. */
export async function startRuntime(spec: ServiceSpec): Promise<Runtime> {
  const { name, config, log } = spec;
  const metrics = createMetrics(name);

  // Ops answers first, so /readyz says "not ready" while the bus or database is still away.
  const live: { bus?: Bus; database?: Database; started?: boolean } = {};
  const checks: Record<string, ReadinessCheck> = {
    started: () => live.started === true,
    bus: () => live.bus?.ready() ?? false,
    database: () => live.database?.ping() ?? false,
  };
  const ops = await startOpsServer(config.OPS_LISTEN, checks, metrics.registry, log);

  const bus = (live.bus = await connectBus(config.NATS_URL, name, log));
  const database = (live.database = await connectDatabase(
    config.MONGO_URL,
    config.MONGO_DB,
    spec.indexes,
    log,
  ));
  const own = await spec.build({ bus, database, metrics });
  // The server has every subscription the build made before the service says it is ready:
  // a request sent right after /readyz turns 200 must find a responder.
  await bus.nc.flush();
  const grpc = await startGrpcServer(config.GRPC_LISTEN, [
    healthService(name, VERSION, checks, log, metrics),
    ...own,
  ]);

  log.info(
    { version: VERSION, grpc: config.GRPC_LISTEN, ops: config.OPS_LISTEN, db: config.MONGO_DB },
    'service started',
  );
  live.started = true;
  return {
    bus,
    database,
    metrics,
    grpc,
    ops,
    stop: async () => {
      await stopGrpcServer(grpc);
      await bus.nc.drain().catch(() => undefined);
      await closeServer(ops);
      await database.client.close();
    },
  };
}
