import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The service's logger: pino JSON with the service name and node id on every line. Field
 * names across services: userId, sessionId, connId, subject, reqId.
 */
export function createLogger(service: string, level: string, nodeId?: string): Logger {
  return pino({
    level,
    base: { service, node: nodeId ?? service, pid: process.pid },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'refreshToken', '*.refreshToken'],
      censor: '[redacted]',
    },
  });
}
