import { join } from 'node:path';
import { freePort, repoRoot, startDatabase, startNats, uniqueDbName } from '@chat/testkit';
import { serviceEnv, spawnService, waitReady, type ServiceProcess } from './processes.fixture.js';

type Domain = 'auth' | 'session' | 'message';

/**
 * The chat system as `make up` runs it, each part its own process: NATS, the database, auth,
 * session, message and two gateways on free ports, the gateways serving the built web app.
 */
export interface ProcessStack {
  gateways: Array<{ proc: ServiceProcess; url: string }>;
  /** Kills a domain service with `signal` (SIGKILL for a crash). */
  kill(name: Domain, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed service again on the same addresses and waits until it is ready. */
  restart(name: Domain): Promise<void>;
  stop(): Promise<void>;
}

interface Part {
  env: Record<string, string>;
  opsUrl: string;
  proc?: ServiceProcess;
}

async function startPart(name: Domain, part: Part): Promise<void> {
  part.proc = spawnService(name, part.env, part.opsUrl);
  await waitReady(part.proc);
}

export async function startProcessStack(
  extra: Partial<Record<Domain, Record<string, string>>> = {},
) {
  const [nats, db] = await Promise.all([startNats(), startDatabase()]);
  const names: Domain[] = ['auth', 'session', 'message'];
  const parts = {} as Record<Domain, Part & { grpc: string }>;
  for (const name of names) {
    const s = await serviceEnv(nats.url, db.url, uniqueDbName(`e2e_${name}`));
    parts[name] = { env: { ...s.env, ...extra[name] }, opsUrl: s.opsUrl, grpc: s.grpc };
  }
  parts.session.env['MESSAGE_ADDR'] = parts.message.grpc;
  parts.message.env['SESSION_ADDR'] = parts.session.grpc;

  await Promise.all(names.map((name) => startPart(name, parts[name])));
  const gateways: ProcessStack['gateways'] = [];
  for (const id of ['gw-1', 'gw-2']) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      NATS_URL: nats.url,
      AUTH_ADDR: parts.auth.grpc,
      SESSION_ADDR: parts.session.grpc,
      MESSAGE_ADDR: parts.message.grpc,
      GATEWAY_ID: id,
      PORT: String(port),
      WEB_DIR: join(repoRoot, 'web/dist'),
    };
    const proc = spawnService('gateway', env, url);
    await waitReady(proc);
    gateways.push({ proc, url });
  }

  const stack: ProcessStack = {
    gateways,
    kill: async (name, signal = 'SIGKILL') => parts[name].proc?.stop(signal),
    restart: (name) => startPart(name, parts[name]),
    stop: async () => {
      for (const g of gateways) await g.proc.stop();
      for (const name of names) await parts[name].proc?.stop();
      await Promise.all([nats.stop(), db.stop()]);
    },
  };
  return stack;
}
