import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeLog, summarizeLog, type LogSummary } from './logs.js';
import { parseArgs, type Ladders, type Options, type Profile } from './profiles.js';
import { machine, resultsName, writeJson } from './report.js';
import {
  LIMITS,
  runSeries,
  type RunContext,
  type SeriesResult,
  type SeriesSpec,
} from './series.js';
import { startStack, storeName, type Stack, type StackPlan } from './stack.js';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** One load test: what it starts, how it measures and how it prints what it found. */
export interface LoadTest<K extends string, P extends Profile<K>, M extends object> {
  /** Names the results file: `load-auth` writes bench/results/load-auth-<time>.json. */
  tool: string;
  ladders: Ladders<K, P>;
  plan: StackPlan;
  /** Settings of the run for the results file; timing and limits are added. */
  config: Record<string, unknown>;
  measure(stack: Stack, opts: Options<P>, ctx: RunContext): Promise<M>;
  print(measured: M, store: string): void;
}

/** Progress and trouble go to stderr; stdout carries only the report. */
export function say(line: string): void {
  process.stderr.write(line + '\n');
}

/**
 * Runs each series `only` names, in the order given, at its ladder's rates. `stored`, when
 * given, counts the documents the requests scan, before each series.
 */
export async function runSelected<K extends string>(
  specs: Omit<SeriesSpec, 'rates'>[],
  rates: Record<K, number[]>,
  only: string[],
  ctx: RunContext,
  stored?: () => Promise<number>,
): Promise<SeriesResult[]> {
  const results: SeriesResult[] = [];
  for (const spec of specs) {
    if (!only.includes(spec.key)) continue;
    const ladder = rates[spec.key as K];
    const storedAtStart = await stored?.();
    const held = storedAtStart === undefined ? '' : ` (${storedAtStart} stored)`;
    ctx.say(`${spec.key}: ${spec.title}, at ${ladder.join(', ')} per second${held}`);

    const result = await runSeries({ ...spec, rates: ladder }, ctx);
    results.push(storedAtStart === undefined ? result : { ...result, storedAtStart });
  }
  return results;
}

let stack: Stack | undefined;
let exiting = false;

/** Stops every process this run started, then exits; safe to call more than once. */
async function shutdown(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    await stack?.stop().catch((err: unknown) => say(`stopping the stack failed: ${String(err)}`));
  }
  process.exit(code);
}

/**
 * The whole of a load test's program: parse the arguments, start the stack, measure, stop it,
 * write the raw results and print the report. Exits 1 when a service ended during the run.
 */
export async function runLoadTest<K extends string, P extends Profile<K>, M extends object>(
  test: LoadTest<K, P, M>,
): Promise<never> {
  process.once('SIGINT', () => {
    say('interrupted; stopping what this run started');
    void shutdown(130);
  });
  process.once('SIGTERM', () => void shutdown(143));

  try {
    return await shutdown(await run(test));
  } catch (err) {
    say(`${test.tool}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return shutdown(1);
  }
}

async function run<K extends string, P extends Profile<K>, M extends object>(
  test: LoadTest<K, P, M>,
): Promise<number> {
  const opts = parseArgs(process.argv.slice(2), test.ladders);
  const { profile } = opts;
  const startedAt = new Date();
  const watchdog = setTimeout(() => {
    say(`the run took longer than ${profile.deadlineMs / 60_000} min; stopping it`);
    void shutdown(1);
  }, profile.deadlineMs);
  watchdog.unref();

  say(`starting NATS, the database, ${test.plan.services.join(', ')} (${profile.name} run)...`);
  const s = (stack = await startStack(test.plan));
  const store = storeName(s.pids['database']!);
  const pids = { ...s.pids, load: process.pid };
  const ctx: RunContext = { timing: profile.timing, pids, servers: test.plan.services, say };
  const measured = await test.measure(s, opts, ctx);

  const exitedEarly = s.exitedEarly();
  const logs = Object.fromEntries(Object.entries(s.logs).map(([n, f]) => [n, summarizeLog(f)]));
  await s.stop();
  stack = undefined;

  const file = join(RESULTS_DIR, resultsName(test.tool, startedAt, profile.name === 'quick'));
  writeJson(file, {
    tool: `bench/${test.tool}.ts`,
    profile: profile.name,
    startedAt: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machine(),
    store,
    config: { ...test.config, timing: profile.timing, limits: LIMITS },
    units: 'latency in ms, CPU in seconds (user + system), histograms in µs',
    ...measured,
    services: { exitedEarly, logs },
  });
  test.print(measured, store);

  for (const [name, log] of Object.entries(logs)) say(describeLog(name, log));
  if (exitedEarly.length > 0) say(`exited during the run: ${exitedEarly.join(', ')}`);
  if (exitedEarly.length > 0 || troubled(logs)) say(`service logs kept in ${s.logDir}`);
  else rmSync(s.logDir, { recursive: true, force: true });
  say(`raw results: ${file}`);
  return exitedEarly.length > 0 ? 1 : 0;
}

function troubled(logs: Record<string, LogSummary>): boolean {
  return Object.values(logs).some((l) => (l.counts['error'] ?? 0) + (l.counts['fatal'] ?? 0) > 0);
}
