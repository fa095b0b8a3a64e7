import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Stop order: `down` stops the roles from first to last; `up` starts them the other way round. */
export const ROLES = ['gateway', 'service', 'database', 'bus'] as const;
export type Role = (typeof ROLES)[number];

export type Probe = { kind: 'tcp'; host: string; port: number } | { kind: 'http'; url: string };

/** A process the stack starts: what to run and how to tell it is ready. */
export interface ProcSpec {
  name: string;
  role: Role;
  command: string[];
  env: Record<string, string>;
  port: number;
  ports: number[];
  probe: Probe;
}

export interface Paths {
  root: string;
  stackDir: string;
  logDir: string;
  pidFile: string;
  dataDir: string;
}

export const HOST = '127.0.0.1';
export const NATS_PORT = 14222;
export const NATS_MONITOR_PORT = 18222;
export const DB_PORT = 17017;

const SERVICES = [
  { name: 'auth', grpc: 50051, ops: 9101 },
  { name: 'session', grpc: 50052, ops: 9102 },
  { name: 'message', grpc: 50053, ops: 9103 },
  { name: 'push', grpc: 50054, ops: 9104 },
  { name: 'files', grpc: 50055, ops: 9105 },
];

const GATEWAYS = [
  { id: 'gw-1', port: 8080 },
  { id: 'gw-2', port: 8081 },
];

export const DEFAULT_ENTRY = 'services/{name}/src/main.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function stackPaths(): Paths {
  const stackDir = path.resolve(process.env.STACK_DIR || repoRoot);
  const runDir = path.join(stackDir, '.run');

  return {
    root: repoRoot,
    stackDir,
    logDir: path.join(runDir, 'logs'),
    pidFile: path.join(runDir, 'stack.json'),
    dataDir: path.join(stackDir, '.data'),
  };
}

/** Finds an executable on PATH, after the given absolute candidates. */
export function findExecutable(name: string, candidates: string[] = []): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const all = [...candidates, ...dirs.map((dir) => path.join(dir, name))];

  return all.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function natsSpec(paths: Paths): ProcSpec {
  const bin = findExecutable('nats-server', ['/usr/sbin/nats-server']);
  if (!bin) throw new Error('nats-server not found (looked in /usr/sbin and on PATH)');

  const store = path.join(paths.dataDir, 'nats');
  const listen = ['-a', HOST, '-p', `${NATS_PORT}`, '-m', `${NATS_MONITOR_PORT}`];
  return {
    name: 'nats',
    role: 'bus',
    command: [bin, ...listen, '-js', '-sd', store],
    env: {},
    port: NATS_PORT,
    ports: [NATS_PORT, NATS_MONITOR_PORT],
    probe: { kind: 'tcp', host: HOST, port: NATS_PORT },
  };
}

/** The entry file of one service; tests swap it with STACK_ENTRY_TEMPLATE. */
function entryFile(name: string): string {
  const template = process.env.STACK_ENTRY_TEMPLATE || DEFAULT_ENTRY;
  return template.replaceAll('{name}', name);
}

function nodeCommand(name: string): string[] {
  return [process.execPath, '--import', 'tsx', entryFile(name)];
}

/** Entry files that do not exist, so `up` can say so before it starts anything. */
export function missingEntries(root: string): string[] {
  const names = [...SERVICES.map((s) => s.name), 'gateway'];
  return names.map(entryFile).filter((file) => !existsSync(path.resolve(root, file)));
}

function baseEnv(): Record<string, string> {
  return {
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    NATS_URL: `nats://${HOST}:${NATS_PORT}`,
  };
}

export function serviceSpecs(mongoUrl: string): ProcSpec[] {
  return SERVICES.map((s) => ({
    name: s.name,
    role: 'service',
    command: nodeCommand(s.name),
    env: {
      ...baseEnv(),
      MONGO_URL: mongoUrl,
      GRPC_LISTEN: `${HOST}:${s.grpc}`,
      OPS_LISTEN: `${HOST}:${s.ops}`,
    },
    port: s.grpc,
    ports: [s.grpc, s.ops],
    probe: { kind: 'http', url: `http://${HOST}:${s.ops}/readyz` },
  }));
}

function serviceAddrs(): Record<string, string> {
  const entries = SERVICES.map((s) => [`${s.name.toUpperCase()}_ADDR`, `${HOST}:${s.grpc}`]);
  return Object.fromEntries(entries);
}

export function gatewaySpecs(paths: Paths): ProcSpec[] {
  return GATEWAYS.map((g) => ({
    name: g.id,
    role: 'gateway',
    command: nodeCommand('gateway'),
    env: {
      ...baseEnv(),
      GATEWAY_ID: g.id,
      HOST,
      PORT: `${g.port}`,
      ...serviceAddrs(),
      WEB_DIR: path.join(paths.root, 'web', 'dist'),
    },
    port: g.port,
    ports: [g.port],
    probe: { kind: 'http', url: `http://${HOST}:${g.port}/readyz` },
  }));
}

export function gatewayUrls(): string[] {
  return GATEWAYS.map((g) => `http://${HOST}:${g.port}`);
}
