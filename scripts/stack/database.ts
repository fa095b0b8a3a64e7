import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { DB_PORT, findExecutable, HOST, type Paths, type ProcSpec } from './config.js';

/** The database the services use, and the process to start for it (none for an outside one). */
export interface Database {
  url: string;
  spec?: ProcSpec;
}

/** MONGO_URL from the environment wins; then a local mongod; else the embedded FerretDB. */
export function chooseDatabase(paths: Paths): Database {
  const external = process.env.MONGO_URL;
  if (external) return { url: external };

  const url = `mongodb://${HOST}:${DB_PORT}`;
  const mongod = findExecutable('mongod');
  if (mongod) {
    // Unlike nats-server and FerretDB, mongod refuses to start without its data folder.
    const dbPath = path.join(paths.dataDir, 'mongo');
    mkdirSync(dbPath, { recursive: true });
    const args = ['--bind_ip', HOST, '--port', `${DB_PORT}`, '--dbpath', dbPath];
    return { url, spec: dbSpec('mongod', [mongod, ...args]) };
  }

  const ferret = ensureFerretDb(paths.root);
  const args = ['-listen', `${HOST}:${DB_PORT}`, '-data', path.join(paths.dataDir, 'ferretdb')];
  return { url, spec: dbSpec('ferretdb', [ferret, ...args]) };
}

function dbSpec(name: string, command: string[]): ProcSpec {
  return {
    name,
    role: 'database',
    command,
    env: {},
    port: DB_PORT,
    ports: [DB_PORT],
    probe: { kind: 'tcp', host: HOST, port: DB_PORT },
  };
}

/** Runs tools/ensure-ferretdb.sh, which builds the launcher when needed and prints its path last. */
function ensureFerretDb(root: string): string {
  const script = path.join(root, 'tools', 'ensure-ferretdb.sh');
  const result = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = result.stdout?.toString().trim().split('\n') ?? [];
  const bin = lines.at(-1);

  if (result.status !== 0 || !bin) {
    throw new Error(`${path.relative(root, script)} failed; see its output above`);
  }
  return bin;
}
