/**
 * Typed configuration read from the environment. Each field has a default and a one-line
 * description; an invalid value stops the service with a message that names the variable.
 */
export interface Field<T> {
  description: string;
  default: T;
  parse: (raw: string) => T;
}

export type Schema = Record<string, Field<unknown>>;

export type ConfigOf<S extends Schema> = {
  [K in keyof S]: S[K] extends Field<infer T> ? T : never;
};

export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** Reads every field of the schema from `env`, in the schema's order. */
export function loadConfig<S extends Schema>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): ConfigOf<S> {
  const out: Record<string, unknown> = {};

  for (const [name, field] of Object.entries(schema)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      out[name] = field.default;
      continue;
    }

    try {
      out[name] = field.parse(raw);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ConfigError(name, `invalid value ${JSON.stringify(raw)}: ${reason}`);
    }
  }

  return out as ConfigOf<S>;
}

/** A table of the schema, for `--help` and the README. */
export function describeConfig(schema: Schema): string {
  return Object.entries(schema)
    .map(([name, f]) => `${name}=${JSON.stringify(f.default)}  ${f.description}`)
    .join('\n');
}

export function str(description: string, fallback: string): Field<string> {
  return { description, default: fallback, parse: (raw) => raw };
}

export function int(description: string, fallback: number, min = 0, max = 2 ** 31): Field<number> {
  const parse = (raw: string): number => {
    if (!/^-?\d+$/.test(raw)) throw new Error('expected an integer');

    const n = Number(raw);
    if (n < min || n > max) throw new Error(`expected a value from ${min} to ${max}`);
    return n;
  };
  return { description, default: fallback, parse };
}

export function oneOf<T extends string>(
  description: string,
  fallback: T,
  values: readonly T[],
): Field<T> {
  const parse = (raw: string): T => {
    if (!values.includes(raw as T)) throw new Error(`expected one of ${values.join(', ')}`);
    return raw as T;
  };
  return { description, default: fallback, parse };
}

/** host:port, as "127.0.0.1:50051" or "[::1]:8080". */
export function hostPort(description: string, fallback: string): Field<string> {
  const parse = (raw: string): string => {
    const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw);
    if (!m || Number(m[2]) > 65535) throw new Error('expected host:port');
    return raw;
  };
  return { description, default: fallback, parse };
}

export function url(description: string, fallback: string, schemes: string[]): Field<string> {
  const parse = (raw: string): string => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error('expected a URL');
    }
    if (!schemes.includes(u.protocol.replace(/:$/, ''))) {
      throw new Error(`expected a ${schemes.join(' or ')} URL`);
    }
    return raw;
  };
  return { description, default: fallback, parse };
}

export function list(description: string, fallback: string[]): Field<string[]> {
  const parse = (raw: string): string[] =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return { description, default: fallback, parse };
}

/** Fields every service has. */
export const commonSchema = {
  LOG_LEVEL: oneOf('pino log level', 'info', [
    'trace',
    'debug',
    'info',
    'warn',
    'error',
    'fatal',
    'silent',
  ] as const),
  NATS_URL: url('NATS server(s) to connect to', 'nats://127.0.0.1:14222', ['nats', 'tls']),
  SHUTDOWN_TIMEOUT_MS: int('how long shutdown may take before the process is killed', 10_000, 100),
};

/** Fields of a service that has a database, a gRPC server and an ops HTTP server. */
export function serviceSchema(name: string, grpcPort: number, opsPort: number) {
  return {
    ...commonSchema,
    MONGO_URL: url('MongoDB (or FerretDB) connection URL', 'mongodb://127.0.0.1:17017', [
      'mongodb',
      'mongodb+srv',
    ]),
    MONGO_DB: str('database name of this service', `chat_${name}`),
    GRPC_LISTEN: hostPort('address of the gRPC server', `127.0.0.1:${grpcPort}`),
    OPS_LISTEN: hostPort('address of /healthz, /readyz and /metrics', `127.0.0.1:${opsPort}`),
  };
}
