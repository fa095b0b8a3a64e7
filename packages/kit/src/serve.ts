import { createLogger, type Logger } from './log.js';
import { installShutdown } from './shutdown.js';
import { startConfig } from './start.js';
import type { ConfigOf, Schema } from './config.js';

interface Stoppable {
  stop(): Promise<void>;
}

type WithBase = Schema & {
  LOG_LEVEL: { default: string };
  SHUTDOWN_TIMEOUT_MS: { default: number };
};

/**
 * The whole of a service's `main.ts`: read the config (exiting on an invalid one), make the
 * logger, start, and stop in order on SIGTERM. A start that fails is logged and exits 1.
 */
export async function serve<S extends WithBase>(
  name: string,
  schema: S,
  start: (config: ConfigOf<S>, log: Logger) => Promise<Stoppable>,
  nodeId?: (config: ConfigOf<S>) => string,
): Promise<void> {
  const config = startConfig(name, schema);
  const base = config as unknown as { LOG_LEVEL: string; SHUTDOWN_TIMEOUT_MS: number };
  const log = createLogger(name, base.LOG_LEVEL, nodeId?.(config));

  // Installed before start: a SIGTERM while still waiting for the bus or database stops too.
  let service: Stoppable | undefined;
  installShutdown([[name, () => service?.stop()]], log, base.SHUTDOWN_TIMEOUT_MS);

  try {
    service = await start(config, log);
  } catch (err) {
    log.fatal({ err }, 'start failed');
    process.exit(1);
  }
}
