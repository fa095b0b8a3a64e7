import {
  Metadata,
  Server,
  ServerCredentials,
  credentials,
  status,
  type CallOptions,
  type Client,
  type ServerUnaryCall,
  type ServiceDefinition,
  type ServiceError,
  type UntypedServiceImplementation,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { AppError, UnavailableError, toAppError } from './errors.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

const CODE_KEY = 'chat-error-code';
const FIELD_KEY = 'chat-error-field';
const RETRY_KEY = 'chat-retry-after';
const STATUS_KEY = 'chat-http-status';

export interface CallContext {
  reqId?: string;
  deadlineMs?: number;
}

type Handler<Req, Res> = (req: Req, ctx: { reqId: string }) => Promise<Res>;

/** The promise-returning handlers of a service, one per method of its definition. */
export type Handlers<D extends ServiceDefinition> = {
  [K in keyof D]: D[K] extends { requestDeserialize: (b: Buffer) => infer Req }
    ? D[K] extends { responseSerialize: (r: infer Res) => Buffer }
      ? Handler<Req, Res>
      : never
    : never;
};

/** The async client of a service: each method takes its request and returns the response. */
export type AsyncClient<D extends ServiceDefinition> = {
  [K in keyof D]: D[K] extends { requestSerialize: (r: infer Req) => Buffer }
    ? D[K] extends { responseDeserialize: (b: Buffer) => infer Res }
      ? (req: Req, ctx?: CallContext) => Promise<Res>
      : never
    : never;
};

/**
 * Adapts promise-returning handlers to grpc-js. A thrown AppError travels to the caller with its
 * stable code in the trailers; anything else is logged and answered as INTERNAL.
 */
export function implement<D extends ServiceDefinition>(
  definition: D,
  handlers: Handlers<D>,
  log: Logger,
  metrics: Metrics,
): UntypedServiceImplementation {
  const impl: UntypedServiceImplementation = {};

  for (const key of Object.keys(definition)) {
    const handler = handlers[key as keyof D] as Handler<unknown, unknown>;
    const method = definition[key]!.path;

    impl[key] = (call: ServerUnaryCall<unknown, unknown>, done: sendUnaryData<unknown>) => {
      const started = process.hrtime.bigint();
      const reqId = String(call.metadata.get('x-request-id')[0] ?? '');
      const finish = (code: string) =>
        metrics.rpcDuration.observe(
          { method, code },
          Number(process.hrtime.bigint() - started) / 1e9,
        );

      handler(call.request, { reqId }).then(
        (res) => {
          finish('ok');
          done(null, res);
        },
        (err: unknown) => {
          const appErr = toAppError(err);
          finish(appErr.code);
          metrics.errors.inc({ code: appErr.code });
          if (appErr.status >= 500) log.error({ err, method, reqId }, 'call failed');
          done(toServiceError(appErr));
        },
      );
    };
  }
  return impl;
}

function toServiceError(err: AppError): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(CODE_KEY, err.code);
  metadata.set(STATUS_KEY, String(err.status));
  if (err.field) metadata.set(FIELD_KEY, err.field);
  if (err.retryAfter !== undefined) metadata.set(RETRY_KEY, String(err.retryAfter));
  return { code: grpcStatusOf(err.status), details: err.message, metadata };
}

function grpcStatusOf(httpStatus: number): status {
  if (httpStatus === 400 || httpStatus === 413) return status.INVALID_ARGUMENT;
  if (httpStatus === 401) return status.UNAUTHENTICATED;
  if (httpStatus === 403) return status.PERMISSION_DENIED;
  if (httpStatus === 404) return status.NOT_FOUND;
  if (httpStatus === 409) return status.ALREADY_EXISTS;
  if (httpStatus === 429) return status.RESOURCE_EXHAUSTED;
  if (httpStatus === 503) return status.UNAVAILABLE;
  return status.INTERNAL;
}

/** Turns a failed call back into the AppError the service threw, or "unavailable". */
export function fromServiceError(err: ServiceError, service: string): AppError {
  const code = err.metadata?.get(CODE_KEY)[0];
  if (typeof code === 'string') {
    const field = err.metadata.get(FIELD_KEY)[0];
    const retry = err.metadata.get(RETRY_KEY)[0];
    return new AppError(code, err.details, Number(err.metadata.get(STATUS_KEY)[0] ?? 500), {
      field: typeof field === 'string' ? field : undefined,
      retryAfter: typeof retry === 'string' ? Number(retry) : undefined,
    });
  }
  if (err.code === status.UNAVAILABLE || err.code === status.DEADLINE_EXCEEDED) {
    return new UnavailableError(service, err);
  }
  return toAppError(err);
}

/** Starts a gRPC server with the given services on `listen` (host:port). */
export async function startGrpcServer(
  listen: string,
  services: Array<[ServiceDefinition, UntypedServiceImplementation]>,
): Promise<Server> {
  const server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  for (const [definition, impl] of services) server.addService(definition, impl);

  await new Promise<number>((resolve, reject) =>
    server.bindAsync(listen, ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
  return server;
}

/** Stops accepting calls and waits for in-flight ones, up to `graceMs`, then forces. */
export function stopGrpcServer(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

type ClientCtor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
  options?: Record<string, number>,
) => Client;

type UnaryMethod = (
  req: unknown,
  metadata: Metadata,
  options: CallOptions,
  callback: (err: ServiceError | null, res: unknown) => void,
) => unknown;

/**
 * A client whose methods return promises and carry a deadline. A service that is down or slow
 * shows up as an UnavailableError naming it.
 */
export function createClient<D extends ServiceDefinition>(
  Ctor: ClientCtor,
  definition: D,
  address: string,
  service: string,
  defaultDeadlineMs = 5_000,
): { client: Client; call: AsyncClient<D> } {
  // Reconnect quickly after the service comes back: the default backoff grows to two minutes.
  const client = new Ctor(address, credentials.createInsecure(), {
    'grpc.initial_reconnect_backoff_ms': 200,
    'grpc.max_reconnect_backoff_ms': 2_000,
  });
  const call = {} as Record<string, (req: unknown, ctx?: CallContext) => Promise<unknown>>;

  for (const key of Object.keys(definition)) {
    const method = (client as unknown as Record<string, UnaryMethod>)[key]!.bind(client);

    call[key] = (req, ctx) =>
      new Promise((resolve, reject) => {
        const metadata = new Metadata();
        if (ctx?.reqId) metadata.set('x-request-id', ctx.reqId);
        const options: CallOptions = {
          deadline: Date.now() + (ctx?.deadlineMs ?? defaultDeadlineMs),
        };
        method(req, metadata, options, (err: ServiceError | null, res: unknown) =>
          err ? reject(fromServiceError(err, service)) : resolve(res),
        );
      });
  }
  return { client, call: call as AsyncClient<D> };
}
