import { HealthServiceService, type CheckResponse } from '@chat/proto/chat/health/v1/health';
import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { implement } from './grpc.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { runChecks, type ReadinessCheck } from './ops.js';

/** The gRPC health service every service registers beside its own. */
export function healthService(
  service: string,
  version: string,
  checks: Record<string, ReadinessCheck>,
  log: Logger,
  metrics: Metrics,
): [ServiceDefinition, UntypedServiceImplementation] {
  const impl = implement(
    HealthServiceService,
    {
      check: async (): Promise<CheckResponse> => {
        const { ready } = await runChecks(checks);
        return { service, ready, version };
      },
    },
    log,
    metrics,
  );
  return [HealthServiceService, impl];
}
