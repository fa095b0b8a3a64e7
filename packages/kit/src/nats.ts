import { connect, type NatsConnection } from 'nats';
import type { Logger } from './log.js';

export interface Bus {
  nc: NatsConnection;
  /** True while connected: false from a disconnect until the reconnect. */
  ready(): boolean;
  /** Calls `fn` after every reconnect, e.g. to fetch what was missed while away. */
  onReconnect(fn: () => void): void;
}

/**
 * Connects to NATS and keeps reconnecting forever: a service outlives a bus restart. The first
 * connection is also retried, so services may start before the bus.
 */
export async function connectBus(url: string, name: string, log: Logger): Promise<Bus> {
  const nc = await connect({
    servers: url.split(','),
    name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    pingInterval: 10_000,
  });
  log.info({ server: nc.getServer() }, 'bus connected');

  let connected = true;
  const listeners: Array<() => void> = [];
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        connected = false;
        log.warn({ server: s.data }, 'bus disconnected');
      } else if (s.type === 'reconnect') {
        connected = true;
        log.info({ server: s.data }, 'bus reconnected');
        for (const fn of listeners) fn();
      } else if (s.type === 'error') {
        log.error({ err: s.data }, 'bus error');
      }
    }
  })();

  return {
    nc,
    ready: () => connected && !nc.isClosed() && !nc.isDraining(),
    onReconnect: (fn) => listeners.push(fn),
  };
}
