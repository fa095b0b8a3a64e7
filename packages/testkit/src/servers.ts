import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  process?: ChildProcess;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (!(await canConnect(port))) {
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Starts a nats-server with JetStream on a free port and a fresh data folder. */
export async function startNats(): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chat-nats-'));
  const bin = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
    stdio: 'ignore',
  });

  await waitForPort(port);
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    process: child,
    stop: async () => {
      await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a MongoDB wire-protocol database on a free port: `mongod` when it is on PATH,
 * otherwise the project's FerretDB build. With TEST_MONGO_URL set, uses that server instead.
 */
export async function startDatabase(): Promise<RunningServer> {
  const given = process.env.TEST_MONGO_URL;
  if (given) return { url: given, port: Number(new URL(given).port), stop: async () => {} };

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chat-db-'));
  const [bin, args] = databaseCommand(port, dir);
  const child = spawn(bin, args, { stdio: 'ignore' });

  await waitForPort(port);
  return {
    url: `mongodb://127.0.0.1:${port}`,
    port,
    process: child,
    stop: async () => {
      await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function databaseCommand(port: number, dir: string): [string, string[]] {
  if (onPath('mongod')) {
    return ['mongod', ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dir]];
  }
  return [ferretdbBinary(), ['-listen', `127.0.0.1:${port}`, '-data', dir]];
}

function ferretdbBinary(): string {
  const built = join(repoRoot, 'tools/bin/ferretdb');
  if (existsSync(built)) return built;

  const out = execFileSync('bash', [join(repoRoot, 'tools/ensure-ferretdb.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop()!;
}

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after two seconds; resolves when the process is gone. */
export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();

  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

let dbCounter = 0;

/** A database name no other test uses, for tests sharing one server. */
export function uniqueDbName(prefix: string): string {
  dbCounter += 1;
  return `${prefix}_${process.pid}_${dbCounter}`;
}
