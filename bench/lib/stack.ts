import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  kill,
  repoRoot,
  startDatabase,
  startNats,
  type RunningServer,
} from '@chat/testkit';
import { lastLines } from './logs.js';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const DB_NAME = 'chat_auth_load';

/** NATS, the database, auth and one gateway, each its own process. */
export interface Stack {
  gatewayPort: number;
  gatewayUrl: string;
  authAddr: string;
  mongo: { url: string; db: string };
  pids: { auth: number; gateway: number; database: number; nats: number };
  logDir: string;
  logs: { auth: string; gateway: string };
  /** Names of processes that ended before `stop` was called. */
  exitedEarly(): string[];
  stop(): Promise<void>;
}

// Every process started here, so that an exit of any kind can still end them.
const started = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

export async function startStack(authEnv: Record<string, string>): Promise<Stack> {
  const infra: RunningServer[] = [];
  const services: { name: string; child: ChildProcess }[] = [];
  const stop = () => stopAll(services, infra);

  try {
    const [nats, db] = await Promise.allSettled([startNats(), startDatabase()]);
    for (const s of [nats, db]) if (s.status === 'fulfilled') infra.push(s.value);
    for (const s of infra) if (s.process) started.add(s.process);

    if (nats.status === 'rejected') throw nats.reason;
    if (db.status === 'rejected') throw db.reason;
    return await startServices(nats.value, db.value, authEnv, services, stop);
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startServices(
  nats: RunningServer,
  db: RunningServer,
  authEnv: Record<string, string>,
  services: { name: string; child: ChildProcess }[],
  stop: () => Promise<void>,
): Promise<Stack> {
  const logDir = mkdtempSync(join(tmpdir(), 'chat-load-auth-'));
  const [grpcPort, opsPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const authAddr = `${HOST}:${grpcPort}`;
  const common = { NATS_URL: nats.url, LOG_LEVEL: 'warn' };

  const authEnvAll = { ...common, MONGO_URL: db.url, MONGO_DB: DB_NAME, ...authEnv };
  const ops = { GRPC_LISTEN: authAddr, OPS_LISTEN: `${HOST}:${opsPort}` };
  const auth = spawnService('auth', { ...authEnvAll, ...ops }, join(logDir, 'auth.log'));
  services.push({ name: 'auth', child: auth });
  await waitReady(`http://${HOST}:${opsPort}/readyz`, auth, join(logDir, 'auth.log'));

  const gwEnv = { ...common, AUTH_ADDR: authAddr, HOST, PORT: String(gatewayPort), WEB_DIR: '' };
  const gateway = spawnService(
    'gateway',
    { ...gwEnv, GATEWAY_ID: 'gw-load' },
    join(logDir, 'gateway.log'),
  );
  services.push({ name: 'gateway', child: gateway });
  await waitReady(`http://${HOST}:${gatewayPort}/readyz`, gateway, join(logDir, 'gateway.log'));

  return {
    gatewayPort,
    gatewayUrl: `http://${HOST}:${gatewayPort}`,
    authAddr,
    mongo: { url: db.url, db: DB_NAME },
    pids: {
      auth: auth.pid!,
      gateway: gateway.pid!,
      database: db.process?.pid ?? 0,
      nats: nats.process?.pid ?? 0,
    },
    logDir,
    logs: { auth: join(logDir, 'auth.log'), gateway: join(logDir, 'gateway.log') },
    exitedEarly: () => services.filter((s) => s.child.exitCode !== null).map((s) => s.name),
    stop,
  };
}

/** `node --import tsx services/<name>/src/main.ts`, its output appended to `logFile`. */
function spawnService(name: string, env: Record<string, string>, logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);

  started.add(child);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return child;
}

/** Polls the readiness URL until it answers 200; fails early when the process has exited. */
async function waitReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`exited with ${child.exitCode} before ready:\n${lastLines(logFile, 15)}`);
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Gateway first, then auth, then NATS and the database: the reverse of the start order. */
async function stopAll(
  services: { name: string; child: ChildProcess }[],
  infra: RunningServer[],
): Promise<void> {
  for (const { child } of [...services].reverse()) {
    await kill(child);
    started.delete(child);
  }
  await Promise.all(infra.map((s) => s.stop()));
  for (const s of infra) if (s.process) started.delete(s.process);
}

/** What the database process is, for the report: mongod, or the FerretDB version of our build. */
export function storeName(databasePid: number): string {
  const cmd = readFileSync(`/proc/${databasePid}/cmdline`, 'utf8');
  if (cmd.includes('mongod')) return 'MongoDB (mongod)';

  const mod = readFileSync(join(repoRoot, 'tools/ferretdb/go.mod'), 'utf8');
  const version = /FerretDB\/FerretDB v(\S+)/.exec(mod)?.[1] ?? '(version unknown)';
  return `FerretDB ${version} on SQLite`;
}
