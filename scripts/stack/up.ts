import path from 'node:path';

import {
  gatewaySpecs,
  gatewayUrls,
  HOST,
  missingEntries,
  natsSpec,
  type Paths,
  type ProcSpec,
  type Role,
  ROLES,
  serviceSpecs,
  stackPaths,
} from './config.js';
import { chooseDatabase, type Database } from './database.js';
import { lastLines, portFree, waitReady } from './net.js';
import { readStackFile, removeStackFile, type StackFile, writeStackFile } from './pidfile.js';
import {
  isRunning,
  type ProcRecord,
  RUN_MARK,
  settleCommand,
  startDetached,
  startedAsRecorded,
  stopAll,
} from './proc.js';

const READY_TIMEOUT_MS = 60_000;

/** Each stage starts together and must be ready before the next one starts. */
const STAGES: Role[][] = [['bus', 'database'], ['service'], ['gateway']];

let interrupted = false;

/**
 * What a stack file says is running: undefined when none is (a file whose processes are all
 * gone is stale and removed), else the file and the names of its processes that died.
 */
function existingStack(paths: Paths): { stack: StackFile; dead: string[] } | undefined {
  const existing = readStackFile(paths.pidFile);
  if (!existing) return undefined;

  if (!existing.procs.some(isRunning)) {
    removeStackFile(paths.pidFile);
    return undefined;
  }
  return { stack: existing, dead: existing.procs.filter((r) => !isRunning(r)).map((r) => r.name) };
}

function refuseRunning(paths: Paths, stack: StackFile): void {
  const list = stack.procs.map((r) => `${r.name} (pid ${r.pid})`).join(', ');
  console.error(`A stack from ${paths.stackDir} is already running: ${list}.`);
  console.error('Stop it first with `make down`, or look at it with `make status`.');
}

async function firstTakenPort(plan: ProcSpec[]): Promise<string | undefined> {
  for (const spec of plan) {
    for (const port of spec.ports) {
      if (!(await portFree(HOST, port))) return `port ${port} (for ${spec.name})`;
    }
  }
  return undefined;
}

/** A path relative to the working folder when it lies inside it, else absolute. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

/** Waits for one process; on failure prints why, with the end of its log. */
async function waitFor(rec: ProcRecord, spec: ProcSpec): Promise<boolean> {
  const started = Date.now();
  const alive = (): boolean => !interrupted && startedAsRecorded(rec);
  const result = await waitReady(spec.probe, alive, READY_TIMEOUT_MS);
  settleCommand(rec);

  if (result === 'ready') {
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`  ${rec.name.padEnd(9)} ready in ${secs} s (pid ${rec.pid})`);
    return true;
  }

  if (interrupted) return false;
  const why = result === 'exited' ? 'exited before it was ready' : 'was not ready within 60 s';
  console.error(`\n${rec.name} ${why} (${rec.ready}).`);
  console.error(`--- last lines of ${shown(rec.log)} ---`);
  console.error(lastLines(rec.log, 20, RUN_MARK));
  console.error('---');
  return false;
}

/** Starts one stage, recording each pid at once so `down` can always find it. */
async function startStage(specs: ProcSpec[], stack: StackFile, paths: Paths): Promise<boolean> {
  const started = specs.map((spec) => {
    const rec = startDetached(spec, paths.logDir, paths.root);
    stack.procs.push(rec);
    writeStackFile(paths.pidFile, stack);
    return { rec, spec };
  });

  const results = await Promise.all(started.map((s) => waitFor(s.rec, s.spec)));
  writeStackFile(paths.pidFile, stack);
  return results.every(Boolean);
}

async function startAll(plan: ProcSpec[], stack: StackFile, paths: Paths): Promise<boolean> {
  for (const roles of STAGES) {
    const specs = plan.filter((spec) => roles.includes(spec.role));
    if (interrupted || !(await startStage(specs, stack, paths))) return false;
  }
  return true;
}

function printSummary(paths: Paths, stack: StackFile): void {
  const [first, second] = gatewayUrls();
  const logs = shown(paths.logDir);

  console.log(`\nThe stack is up (database ${stack.mongoUrl}).`);
  console.log(`  Open     ${first} or ${second}`);
  console.log(`  Logs     ${logs}/ — follow them with \`make logs\``);
  console.log('  Status   make status');
  console.log('  Stop     make down');
}

function planStack(paths: Paths, db: Database): ProcSpec[] {
  const dbSpecs = db.spec ? [db.spec] : [];
  return [natsSpec(paths), ...dbSpecs, ...serviceSpecs(db.url), ...gatewaySpecs(paths)];
}

/** The checks that need nothing started; says what is wrong and returns undefined on failure. */
async function prepare(paths: Paths, only?: string[]) {
  const missing = missingEntries(paths.root);
  if (missing.length > 0) {
    console.error(`Cannot start: no such entry file: ${missing.join(', ')}`);
    return undefined;
  }

  const db = chooseDatabase(paths);
  const plan = planStack(paths, db).filter((spec) => !only || only.includes(spec.name));
  const taken = await firstTakenPort(plan);
  if (taken) {
    console.error(`Cannot start: ${taken} is already in use. Free it and try again.`);
    return undefined;
  }
  return { db, plan };
}

/**
 * Starts the stack. When a stack from this folder is running but some of its processes died
 * (a crash, a `kill -9`), starts just those again and keeps the rest.
 */
export async function up(): Promise<number> {
  const paths = stackPaths();
  const existing = existingStack(paths);
  if (existing && existing.dead.length === 0) {
    refuseRunning(paths, existing.stack);
    return 1;
  }

  const prepared = await prepare(paths, existing?.dead);
  if (!prepared) return 1;

  // Detached children never see the terminal's Ctrl-C, so it is turned into a clean stop here.
  process.once('SIGINT', () => (interrupted = true));
  process.once('SIGTERM', () => (interrupted = true));

  return existing
    ? revive(paths, existing.stack, prepared.plan)
    : startFresh(paths, prepared.db, prepared.plan);
}

async function startFresh(paths: Paths, db: Database, plan: ProcSpec[]): Promise<number> {
  const startedAt = new Date().toISOString();
  const stack: StackFile = { stackDir: paths.stackDir, mongoUrl: db.url, startedAt, procs: [] };
  console.log(`Starting the stack from ${paths.stackDir}`);
  if (await startAll(plan, stack, paths)) {
    printSummary(paths, stack);
    return 0;
  }

  console.error(
    interrupted ? '\nInterrupted; stopping what was started.' : 'Stopping what was started.',
  );
  await stopAll(stack.procs, ROLES);
  removeStackFile(paths.pidFile);
  return 1;
}

async function revive(paths: Paths, stack: StackFile, plan: ProcSpec[]): Promise<number> {
  const names = plan.map((spec) => spec.name);
  console.log(`Restarting what stopped: ${names.join(', ')}`);

  stack.procs = stack.procs.filter((rec) => !names.includes(rec.name));
  if (!(await startAll(plan, stack, paths))) return 1;

  printSummary(paths, stack);
  return 0;
}
