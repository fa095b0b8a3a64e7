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

/** The gRPC services a load test may start, each with a database of its own. */
export const GRPC_SERVICES = ['auth', 'session', 'message'] as const;
export type GrpcService = (typeof GRPC_SERVICES)[number];
export type ServiceName = GrpcService | 'gateway';

/** What to start: NATS and the database always, then the services in the order named. */
export interface StackPlan {
  /** A word for the log folder's name, e.g. `session`. */
  label: string;
  services: ServiceName[];
  /** Settings beyond the addresses, per service, e.g. raised limits. */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** NATS, the database and the services of a plan, each its own process. */
export interface Stack {
  /** The gateway's HTTP port, 0 when the plan has no gateway. */
  gatewayPort: number;
  /** host:port of each gRPC service; nothing listens there when the plan leaves it out. */
  addrs: Record<GrpcService, string>;
  natsUrl: string;
  mongo: { url: string; db: Record<GrpcService, string> };
  /** Process ids by name: `nats`, `database` and each service started. */
  pids: Record<string, number>;
  logDir: string;
  /** Log file of each service started. */
  logs: Record<string, string>;
  /** Names of processes that ended before `stop` was called. */
  exitedEarly(): string[];
  stop(): Promise<void>;
}

interface Started {
  name: string;
  child: ChildProcess;
}

// Every process started here, so that an exit of any kind can still end them.
const started = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The database a service uses in load tests, apart from any a developer's stack holds. */
export function dbNameOf(service: GrpcService): string {
  return `chat_${service}_load`;
}

export async function startStack(plan: StackPlan): Promise<Stack> {
  const infra: RunningServer[] = [];
  const services: Started[] = [];
  const stop = () => stopAll(services, infra);

  try {
    const [nats, db] = await Promise.allSettled([startNats(), startDatabase()]);
    for (const s of [nats, db]) if (s.status === 'fulfilled') infra.push(s.value);
    for (const s of infra) if (s.process) started.add(s.process);

    if (nats.status === 'rejected') throw nats.reason;
    if (db.status === 'rejected') throw db.reason;
    return await startServices(plan, nats.value, db.value, services, stop);
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Addresses of every service, given out before any starts so that each can name the others. */
interface Layout {
  grpc: Record<GrpcService, { addr: string; opsPort: number }>;
  gatewayPort: number;
}

async function layoutOf(plan: StackPlan): Promise<Layout> {
  const grpc = {} as Layout['grpc'];
  // Free ports even for services left out: the defaults (5005x) may be another stack's.
  for (const name of GRPC_SERVICES) {
    grpc[name] = { addr: `${HOST}:${await freePort()}`, opsPort: await freePort() };
  }
  const gatewayPort = plan.services.includes('gateway') ? await freePort() : 0;
  return { grpc, gatewayPort };
}

async function startServices(
  plan: StackPlan,
  nats: RunningServer,
  db: RunningServer,
  services: Started[],
  stop: () => Promise<void>,
): Promise<Stack> {
  const logDir = mkdtempSync(join(tmpdir(), `chat-load-${plan.label}-`));
  const layout = await layoutOf(plan);
  const logs: Record<string, string> = {};
  const pids: Record<string, number> = {
    database: db.process?.pid ?? 0,
    nats: nats.process?.pid ?? 0,
  };

  for (const name of plan.services) {
    const { env, readyUrl } = settingsOf(name, layout, nats.url, db.url);
    logs[name] = join(logDir, `${name}.log`);
    const child = spawnService(name, { ...env, ...plan.env?.[name] }, logs[name]);
    services.push({ name, child });
    pids[name] = child.pid!;
    await waitReady(readyUrl, child, logs[name]);
  }

  const addrs = Object.fromEntries(GRPC_SERVICES.map((n) => [n, layout.grpc[n].addr]));
  const dbs = Object.fromEntries(GRPC_SERVICES.map((n) => [n, dbNameOf(n)]));
  return {
    gatewayPort: layout.gatewayPort,
    addrs: addrs as Stack['addrs'],
    natsUrl: nats.url,
    mongo: { url: db.url, db: dbs as Stack['mongo']['db'] },
    pids,
    logDir,
    logs,
    exitedEarly: () => services.filter((s) => s.child.exitCode !== null).map((s) => s.name),
    stop,
  };
}

/** The environment of one service (see its config.ts) and the URL that says it is ready. */
function settingsOf(name: ServiceName, layout: Layout, natsUrl: string, mongoUrl: string) {
  const { grpc } = layout;
  const common = {
    NATS_URL: natsUrl,
    LOG_LEVEL: 'warn',
    AUTH_ADDR: grpc.auth.addr,
    SESSION_ADDR: grpc.session.addr,
    MESSAGE_ADDR: grpc.message.addr,
  };

  if (name === 'gateway') {
    const port = String(layout.gatewayPort);
    const env = { ...common, HOST, PORT: port, WEB_DIR: '', GATEWAY_ID: 'gw-load' };
    return { env, readyUrl: `http://${HOST}:${port}/readyz` };
  }
  const { addr, opsPort } = grpc[name];
  const env = {
    ...common,
    MONGO_URL: mongoUrl,
    MONGO_DB: dbNameOf(name),
    GRPC_LISTEN: addr,
    OPS_LISTEN: `${HOST}:${opsPort}`,
  };
  return { env, readyUrl: `http://${HOST}:${opsPort}/readyz` };
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

/** The services in the reverse of their start order, then NATS and the database. */
async function stopAll(services: Started[], infra: RunningServer[]): Promise<void> {
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
