import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Duration of handled gRPC calls, by method and status code. */
  rpcDuration: Histogram<'method' | 'code'>;
  /** Errors reported by the service's own code, by stable error code. */
  errors: Counter<'code'>;
}

/** A registry per service, with process metrics and the service label on every series. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const rpcDuration = new Histogram({
    name: 'chat_rpc_duration_seconds',
    help: 'Duration of gRPC calls handled by this service',
    labelNames: ['method', 'code'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'chat_errors_total',
    help: 'Errors answered to callers, by error code',
    labelNames: ['code'],
    registers: [registry],
  });
  return { registry, rpcDuration, errors };
}
