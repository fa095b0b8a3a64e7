// The service kit: what every service needs, and nothing else. This list is the public API.
export {
  AppError,
  BodyTooLargeError,
  InternalError,
  InvalidFieldError,
  InvalidJsonError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  toAppError,
} from './errors.js';
export {
  ConfigError,
  commonSchema,
  describeConfig,
  hostPort,
  int,
  list,
  loadConfig,
  oneOf,
  serviceSchema,
  str,
  url,
  type ConfigOf,
  type Field,
  type Schema,
} from './config.js';
export { createLogger, type Logger } from './log.js';
export { connectBus, type Bus } from './nats.js';
export {
  connectDatabase,
  isDuplicateKey,
  upsertRacing,
  type CollectionIndexes,
  type Database,
} from './mongo.js';
export { createMetrics, type Metrics } from './metrics.js';
export {
  closeServer,
  runChecks,
  splitHostPort,
  startOpsServer,
  type ReadinessCheck,
} from './ops.js';
export { installShutdown, type ShutdownStep } from './shutdown.js';
export {
  createClient,
  fromServiceError,
  implement,
  startGrpcServer,
  stopGrpcServer,
  type AsyncClient,
  type CallContext,
  type Handlers,
} from './grpc.js';
export { healthService } from './health.js';
export { startConfig, VERSION } from './start.js';
export { serve } from './serve.js';
export {
  startRuntime,
  type GrpcService,
  type Runtime,
  type RuntimeConfig,
  type RuntimeParts,
  type ServiceSpec,
} from './runtime.js';
export { subjects } from './subjects.js';
