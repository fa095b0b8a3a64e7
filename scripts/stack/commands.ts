import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { ROLES, stackPaths } from './config.js';
import { readStackFile, removeStackFile } from './pidfile.js';
import { isRunning, stopAll } from './proc.js';

export async function down(): Promise<number> {
  const paths = stackPaths();
  const stack = readStackFile(paths.pidFile);
  if (!stack) {
    console.log(`Nothing to stop: no stack is running from ${paths.stackDir}.`);
    return 0;
  }

  const stopped = await stopAll(stack.procs, ROLES);
  removeStackFile(paths.pidFile);

  const gone = stack.procs.filter((r) => !stopped.includes(r.name)).map((r) => r.name);
  if (gone.length > 0) console.log(`already gone (left alone): ${gone.join(', ')}`);
  console.log(stopped.length > 0 ? 'The stack is stopped.' : 'Nothing was running.');
  return 0;
}

export function status(): number {
  const paths = stackPaths();
  const stack = readStackFile(paths.pidFile);
  if (!stack) {
    console.log(`No stack is running from ${paths.stackDir}.`);
    return 0;
  }

  console.log(
    `Stack from ${stack.stackDir}, started ${stack.startedAt}, database ${stack.mongoUrl}`,
  );
  console.log(`${'NAME'.padEnd(10)}${'PID'.padEnd(9)}${'STATE'.padEnd(9)}PORT`);
  for (const rec of stack.procs) {
    const state = isRunning(rec) ? 'running' : 'gone';
    console.log(`${rec.name.padEnd(10)}${String(rec.pid).padEnd(9)}${state.padEnd(9)}${rec.port}`);
  }
  return 0;
}

function logFiles(logDir: string, name: string | undefined): string[] | undefined {
  if (!existsSync(logDir)) return [];
  const all = readdirSync(logDir).filter((f) => f.endsWith('.log'));

  if (!name) return all.sort().map((f) => path.join(logDir, f));
  if (all.includes(`${name}.log`)) return [path.join(logDir, `${name}.log`)];

  const names = all.map((f) => f.slice(0, -'.log'.length)).join(', ');
  console.error(`No log named ${name}. Known: ${names || 'none yet'}.`);
  return undefined;
}

// Services log their node name (auth, gw-1, ...); it leads each line instead of a field below.
const PRETTY_ARGS = [
  ...['--translateTime', 'SYS:HH:MM:ss.l', '--ignore', 'pid,hostname,service,node'],
  ...['--messageFormat', '{if node}{node}: {end}{msg}'],
];

/** tail -F into pino-pretty; tail's "==> file <==" headers say whose lines follow. */
function follow(files: string[], root: string): Promise<number> {
  const tailArgs = ['-n', '50', '-F', ...files];
  const tail = spawn('tail', tailArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  const pretty = path.join(root, 'node_modules', '.bin', 'pino-pretty');
  const viewer = spawn(pretty, PRETTY_ARGS, { stdio: [tail.stdout, 'inherit', 'inherit'] });

  // Ctrl-C reaches tail and pino-pretty too; this process only waits for them to finish.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => [tail, viewer].forEach((child) => child.kill()));
  return new Promise((resolve) => {
    viewer.on('exit', () => {
      tail.kill();
      resolve(0);
    });
  });
}

export function logs(name: string | undefined): Promise<number> {
  const paths = stackPaths();
  const files = logFiles(paths.logDir, name);
  if (!files) return Promise.resolve(1);

  if (files.length === 0) {
    console.log(`No logs yet in ${paths.logDir}; start the stack with \`make up\`.`);
    return Promise.resolve(0);
  }
  return follow(files, paths.root);
}
