import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, kill, repoRoot } from '@chat/testkit';

/** A service or gateway running as its own process, as `make up` runs it. */
export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  /** Where /readyz answers. */
  opsUrl: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

/** Spawns `services/<name>/src/main.ts` with the environment given; does not wait. */
export function spawnService(
  name: string,
  env: Record<string, string>,
  opsUrl: string,
): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('services', name, 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  return {
    child,
    output: () => output,
    opsUrl,
    stop: (signal = 'SIGTERM') => kill(child, signal),
    exited,
  };
}

/** Resolves when /readyz answers 200; fails with the process output otherwise. */
export async function waitReady(proc: ServiceProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    const status = await fetch(`${proc.opsUrl}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline || proc.child.exitCode !== null) {
      throw new Error(`not ready: ${proc.opsUrl}\n${proc.output().slice(-2_000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Environment and ops address for a domain service on free ports. */
export async function serviceEnv(natsUrl: string, mongoUrl: string, db: string) {
  const ops = `127.0.0.1:${await freePort()}`;
  const grpc = `127.0.0.1:${await freePort()}`;
  const env = {
    NATS_URL: natsUrl,
    MONGO_URL: mongoUrl,
    MONGO_DB: db,
    GRPC_LISTEN: grpc,
    OPS_LISTEN: ops,
  };
  return { env, grpc, opsUrl: `http://${ops}` };
}
