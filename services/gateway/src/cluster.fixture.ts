import { createLogger, loadConfig, type Runtime } from '@chat/kit';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import { startAuth } from '../../auth/src/app.js';
import { authSchema } from '../../auth/src/config.js';
import { startGateway, type Gateway } from './app.js';
import { gatewaySchema } from './config.js';

/** NATS, a database, auth and two gateways, all real, on free ports. */
export interface Cluster {
  nats: RunningServer;
  db: RunningServer;
  dbName: string;
  authAddr: string;
  auth: Runtime;
  gateways: Gateway[];
  url(gateway: number, path: string): string;
  startAuth(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(
  gatewayEnv: Record<string, string> = {},
  authEnv: Record<string, string> = {},
): Promise<Cluster> {
  const [nats, db] = await Promise.all([startNats(), startDatabase()]);
  const dbName = uniqueDbName('auth');
  const authAddr = `127.0.0.1:${await freePort()}`;
  const sessionAddr = `127.0.0.1:${await freePort()}`;
  const messageAddr = `127.0.0.1:${await freePort()}`;
  const silent = createLogger('test', 'silent');

  const authConfig = loadConfig(authSchema, {
    NATS_URL: nats.url,
    MONGO_URL: db.url,
    MONGO_DB: dbName,
    GRPC_LISTEN: authAddr,
    OPS_LISTEN: `127.0.0.1:${await freePort()}`,
    SCRYPT_COST: '1024',
    ...authEnv,
  });
  const gatewayConfig = (id: string) =>
    loadConfig(gatewaySchema, {
      NATS_URL: nats.url,
      AUTH_ADDR: authAddr,
      SESSION_ADDR: sessionAddr,
      MESSAGE_ADDR: messageAddr,
      GATEWAY_ID: id,
      PORT: '0',
      WEB_DIR: '',
      ...gatewayEnv,
    });

  const cluster: Cluster = {
    nats,
    db,
    dbName,
    authAddr,
    auth: await startAuth(authConfig, silent),
    gateways: [],
    url: (i, path) => `http://127.0.0.1:${cluster.gateways[i]!.port}${path}`,
    startAuth: async () => {
      cluster.auth = await startAuth(authConfig, silent);
    },
    stop: async () => {
      for (const g of cluster.gateways) await g.stop();
      await cluster.auth.stop();
      await Promise.all([nats.stop(), db.stop()]);
    },
  };
  for (const id of ['gw-1', 'gw-2']) {
    cluster.gateways.push(await startGateway(gatewayConfig(id), silent));
  }
  await waitReady(cluster);
  return cluster;
}

async function waitReady(cluster: Cluster): Promise<void> {
  for (let i = 0; i < cluster.gateways.length; i++) {
    const deadline = Date.now() + 15_000;
    while ((await fetch(cluster.url(i, '/readyz'))).status !== 200) {
      if (Date.now() > deadline) throw new Error(`gateway ${i} never became ready`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Calls the JSON API and returns the status and parsed body. */
export async function api(
  url: string,
  init: { method?: string; body?: unknown; raw?: string; token?: string } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;

  const res = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Retries an assertion for up to three seconds: bus events arrive asynchronously. */
export async function eventually(check: () => Promise<void>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
