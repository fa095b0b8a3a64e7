import type { Logger } from './log.js';

export type ShutdownStep = readonly [name: string, run: () => Promise<unknown> | unknown];

/**
 * Runs the steps in order on SIGTERM or SIGINT, each once. A watchdog ends the process if the
 * whole shutdown takes longer than `timeoutMs`, so a stuck dependency cannot hold it forever.
 * Returns the function, so tests can shut down without a signal.
 */
export function installShutdown(
  steps: ShutdownStep[],
  log: Logger,
  timeoutMs: number,
  exit: (code: number) => void = (code) => process.exit(code),
): () => Promise<void> {
  let running: Promise<void> | undefined;

  const shutdown = (): Promise<void> => {
    running ??= runSteps(steps, log, timeoutMs, exit);
    return running;
  };
  const onSignal = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void shutdown().then(() => exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return shutdown;
}

async function runSteps(
  steps: ShutdownStep[],
  log: Logger,
  timeoutMs: number,
  exit: (code: number) => void,
): Promise<void> {
  const watchdog = setTimeout(() => {
    log.error({ timeoutMs }, 'shutdown timed out');
    exit(1);
  }, timeoutMs);
  watchdog.unref();

  for (const [name, run] of steps) {
    try {
      await run();
      log.debug({ step: name }, 'shutdown step done');
    } catch (err) {
      log.warn({ err, step: name }, 'shutdown step failed');
    }
  }
  clearTimeout(watchdog);
  log.info('stopped');
}
