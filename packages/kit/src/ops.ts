import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from './log.js';

export type ReadinessCheck = () => boolean | Promise<boolean>;

/** Answers /healthz (the process runs), /readyz (its dependencies answer) and /metrics. */
export async function startOpsServer(
  listen: string,
  checks: Record<string, ReadinessCheck>,
  registry: Registry,
  log: Logger,
): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];

      if (path === '/healthz') return send(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        const result = await runChecks(checks);
        return send(res, result.ready ? 200 : 503, result);
      }
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        return res.end(await registry.metrics());
      }
      send(res, 404, { error: { code: 'not_found', message: 'No such path.' } });
    })().catch((err: unknown) => {
      log.error({ err }, 'ops request failed');
      send(res, 500, { error: { code: 'internal', message: 'Ops request failed.' } });
    });
  });

  const { host, port } = splitHostPort(listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** Runs every check; one that throws counts as not ready. */
export async function runChecks(checks: Record<string, ReadinessCheck>) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        return [name, await check()] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  const detail = Object.fromEntries(entries);
  return { ready: entries.every(([, ok]) => ok), checks: detail };
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function splitHostPort(hp: string): { host: string; port: number } {
  const i = hp.lastIndexOf(':');
  return { host: hp.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(hp.slice(i + 1)) };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
