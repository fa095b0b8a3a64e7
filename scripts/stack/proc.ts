import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

import type { ProcSpec, Role } from './config.js';

/** Starts the line written to a log before each start, so one run's output can be told apart. */
export const RUN_MARK = '=== stack started';

/** What the pid file keeps about one started process. */
export interface ProcRecord {
  name: string;
  role: Role;
  pid: number;
  startTime: string;
  command: string[];
  port: number;
  ready: string;
  log: string;
}

interface Stat {
  state: string;
  pgrp: number;
  startTime: string;
}

/** Fields of /proc/<pid>/stat; the name in parentheses may hold spaces, so split after it. */
function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]), startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

function readCmdline(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return text.split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** The pid is alive and started when ours did; enough while `up` still watches its children. */
export function startedAsRecorded(rec: ProcRecord): boolean {
  const stat = readStat(rec.pid);
  return stat !== undefined && stat.state !== 'Z' && stat.startTime === rec.startTime;
}

/**
 * True while the recorded process is alive and is still the one we started. A pid can be
 * recycled by an unrelated process after ours died, so the start time and the command must match.
 */
export function isRunning(rec: ProcRecord): boolean {
  const argv = readCmdline(rec.pid);
  return startedAsRecorded(rec) && argv?.join('\0') === rec.command.join('\0');
}

/** A process may rename itself (process.title) while starting; keep the name it settled on. */
export function settleCommand(rec: ProcRecord): void {
  const argv = readCmdline(rec.pid);
  if (argv && startedAsRecorded(rec)) rec.command = argv;
}

/** Starts a process in its own process group, output appended to its log, not tied to us. */
export function startDetached(spec: ProcSpec, logDir: string, cwd: string): ProcRecord {
  mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, `${spec.name}.log`);
  const fd = openSync(log, 'a');

  try {
    writeSync(fd, `${RUN_MARK} ${new Date().toISOString()}: ${spec.command.join(' ')}\n`);
    const [file = '', ...args] = spec.command;
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.on('error', () => {});
    child.unref();
    if (!child.pid) throw new Error(`could not start ${spec.name}: ${spec.command.join(' ')}`);

    const startTime = readStat(child.pid)?.startTime ?? '';
    const ready = spec.probe.kind === 'http' ? spec.probe.url : `tcp ${spec.probe.port}`;
    const { name, role, command, port } = spec;
    return { name, role, pid: child.pid, startTime, command, port, ready, log };
  } finally {
    closeSync(fd);
  }
}

/** Live members of a process group, zombies left out. */
function groupSize(pgid: number): number {
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  return pids.filter((pid) => {
    const stat = readStat(Number(pid));
    return stat?.pgrp === pgid && stat.state !== 'Z';
  }).length;
}

interface Target {
  rec: ProcRecord;
  group: boolean;
}

function gone(target: Target): boolean {
  return target.group ? groupSize(target.rec.pid) === 0 : !isRunning(target.rec);
}

function signal(target: Target, sig: NodeJS.Signals): void {
  try {
    process.kill(target.group ? -target.rec.pid : target.rec.pid, sig);
  } catch {
    // Already gone between the check and the signal.
  }
}

async function waitGone(targets: Target[], ms: number): Promise<Target[]> {
  const deadline = Date.now() + ms;
  let left = targets.filter((t) => !gone(t));

  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = left.filter((t) => !gone(t));
  }
  return left;
}

/** SIGTERM to each process group, up to 10 s of grace, then SIGKILL. Returns the names stopped. */
async function stopTogether(recs: ProcRecord[]): Promise<string[]> {
  // Only a verified process is signalled; its group is signalled only if it leads one.
  const targets = recs
    .filter(isRunning)
    .map((rec) => ({ rec, group: readStat(rec.pid)?.pgrp === rec.pid }));

  targets.forEach((t) => signal(t, 'SIGTERM'));
  const stubborn = await waitGone(targets, 10_000);

  stubborn.forEach((t) => {
    console.log(`  ${t.rec.name} ignored SIGTERM for 10 s, sending SIGKILL`);
    signal(t, 'SIGKILL');
  });
  await waitGone(stubborn, 3_000);
  return targets.map((t) => t.rec.name);
}

/** Stops the recorded processes role by role: gateways, services, database, NATS. */
export async function stopAll(recs: ProcRecord[], roles: readonly Role[]): Promise<string[]> {
  const stopped: string[] = [];

  for (const role of roles) {
    const names = await stopTogether(recs.filter((r) => r.role === role));
    if (names.length > 0) console.log(`stopped ${names.join(', ')}`);
    stopped.push(...names);
  }
  return stopped;
}
