import { encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import {
  cpuBetween,
  readMachine,
  snapshot,
  systemBetween,
  type MachineStat,
  type Snapshot,
} from './cpu.js';
import { waitIdle, waitQuiet, withoutLoad } from './idle.js';
import { latencyOf, runOpenLoop, type Latency, type Send, type StepPlan } from './openloop.js';

/** A step is over the limit, and its series ends, past either of these (medians of its runs). */
export const LIMITS = { p99Ms: 100, errorRate: 0.01 };

export interface Timing {
  warmupMs: number;
  measureMs: number;
  reps: number;
  timeoutMs: number;
  maxInFlight: number;
  /**
   * The longest wait after each run for the servers to go idle (see `drainS`), so that work
   * one run queued or abandoned at a timeout does not land in the next.
   */
  drainMaxMs: number;
  /** Before each run, the longest wait for the rest of the machine to go quiet (`quietWaitS`). */
  quietMaxMs: number;
}

/** Where a series runs: the processes to read CPU of, and which of them are servers. */
export interface RunContext {
  timing: Timing;
  /** Process ids by name; `load` is this process, `nats` and `database` the infrastructure. */
  pids: Record<string, number>;
  /** The services under test, whose CPU `perServerCpuS` divides by. */
  servers: string[];
  say: (line: string) => void;
}

export interface SeriesSpec {
  key: string;
  title: string;
  /** Whether each request reads or writes the database (FerretDB on SQLite here). */
  store: boolean;
  rates: number[];
  send: Send;
  /** A p99 limit other than LIMITS.p99Ms, for requests slow by design. */
  p99LimitMs?: number;
}

export interface RunResult {
  achieved: number;
  ok: number;
  scheduled: number;
  errors: Record<string, number>;
  errorRate: number;
  latency: Latency;
  /** CPU seconds (user + system) per process during the measured window. */
  cpu: Record<string, number>;
  /** The system part of `cpu`. */
  cpuSystem: Record<string, number>;
  rssMiB: Record<string, number>;
  /** Successful requests per CPU second of the services under test together. */
  perServerCpuS: number;
  /** The same per CPU second of every process but this one: services, NATS and database. */
  perStackCpuS: number;
  /** CPU seconds of everything else on the machine (other programs, interrupts). */
  otherCpu: number;
  /** CPU seconds the hypervisor gave to other guests while this one wanted to run. */
  steal: number;
  /** p99 of how late the load generator sent requests: high means it was the bottleneck. */
  sendLagP99Ms: number;
  /**
   * Seconds from the last answer until the servers were idle: work the run queued behind its
   * answers (system messages, activity updates), capped at `drainMaxMs`.
   */
  drainS: number;
  /** Seconds the run waited for other work on the machine to go quiet, capped at `quietMaxMs`. */
  quietWaitS: number;
}

export interface StepSummary {
  rate: number;
  runs: RunResult[];
  /** Each field the median over the runs. */
  median: Omit<RunResult, 'errors'>;
  /** Error counts summed over the runs. */
  errors: Record<string, number>;
  withinLimits: boolean;
}

export interface SeriesResult {
  key: string;
  title: string;
  store: boolean;
  p99LimitMs: number;
  steps: StepSummary[];
  /** Index of the step with the highest achieved rate within the limits, if any. */
  best: number | null;
  /** Encoded HDR histograms (microseconds) of the best step's runs. */
  bestHistograms: string[];
  /**
   * Documents in the collection the series' requests scan, when it began: on FerretDB their
   * cost grows with it (see docs/benchmarks.md). Absent where the program does not count.
   */
  storedAtStart?: number;
}

/** Raises the rate step by step until a step breaks a limit or the ladder ends. */
export async function runSeries(spec: SeriesSpec, ctx: RunContext): Promise<SeriesResult> {
  const steps: StepSummary[] = [];
  const histograms: Histogram[][] = [];
  const p99LimitMs = spec.p99LimitMs ?? LIMITS.p99Ms;

  for (const rate of spec.rates) {
    const runs: RunResult[] = [];
    const stepHistograms: Histogram[] = [];

    for (let rep = 0; rep < ctx.timing.reps; rep++) {
      const { result, histogram } = await runOnce(spec.send, planOf(rate, ctx.timing), ctx);
      runs.push(result);
      stepHistograms.push(histogram);
      ctx.say(describeRun(spec.key, rate, rep, result));
    }

    steps.push(summarize(rate, runs, p99LimitMs));
    histograms.push(stepHistograms);
    if (!steps.at(-1)!.withinLimits) break;
  }

  const best = bestStep(steps);
  const bestHistograms = best === null ? [] : histograms[best]!.map(encodeIntoCompressedBase64);
  const { key, title, store } = spec;
  return { key, title, store, p99LimitMs, steps, best, bestHistograms };
}

function planOf(rate: number, t: Timing): StepPlan {
  const { warmupMs, measureMs, timeoutMs, maxInFlight } = t;
  return { rate, warmupMs, measureMs, timeoutMs, maxInFlight };
}

async function runOnce(send: Send, plan: StepPlan, ctx: RunContext) {
  const { pids, servers, timing } = ctx;
  const quietWaitS = await waitQuiet(pids, timing.quietMaxMs);
  let before: Snapshot = snapshot(pids);
  let machineBefore: MachineStat = readMachine();
  const step = await runOpenLoop(plan, send, () => {
    before = snapshot(pids);
    machineBefore = readMachine();
  });
  const after = snapshot(pids);
  const machineAfter = readMachine();

  const drainS = await waitIdle(withoutLoad(pids), timing.drainMaxMs);

  const cpu = cpuBetween(before, after);
  const ours = sum(Object.values(cpu));
  const serverCpu = sum(servers.map((name) => cpu[name] ?? 0));
  const stackCpu = ours - (cpu['load'] ?? 0);
  const errorCount = sum(Object.values(step.errors));

  const result: RunResult = {
    achieved: round1(step.achieved),
    ok: step.ok,
    scheduled: step.scheduled,
    errors: step.errors,
    errorRate: step.scheduled > 0 ? errorCount / step.scheduled : 0,
    latency: latencyOf(step.histogram),
    cpu,
    cpuSystem: systemBetween(before, after),
    rssMiB: rssOf(after),
    perServerCpuS: serverCpu > 0 ? Math.round(step.ok / serverCpu) : 0,
    perStackCpuS: stackCpu > 0 ? Math.round(step.ok / stackCpu) : 0,
    otherCpu: round2(Math.max(0, machineAfter.busy - machineBefore.busy - ours)),
    steal: round2(machineAfter.steal - machineBefore.steal),
    sendLagP99Ms: latencyOf(step.sendLag).p99,
    drainS: round1(drainS),
    quietWaitS: round1(quietWaitS),
  };
  return { result, histogram: step.histogram };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function rssOf(s: Snapshot): Record<string, number> {
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, Math.round(v.rssBytes / 2 ** 20)]),
  );
}

export function summarize(rate: number, runs: RunResult[], p99LimitMs: number): StepSummary {
  const pick = (f: (r: RunResult) => number) => median(runs.map(f));
  const perProcess = (f: (r: RunResult) => Record<string, number>) =>
    Object.fromEntries(Object.keys(f(runs[0]!)).map((k) => [k, pick((r) => f(r)[k] ?? 0)]));

  const latency = {
    p50: pick((r) => r.latency.p50),
    p90: pick((r) => r.latency.p90),
    p99: pick((r) => r.latency.p99),
    p999: pick((r) => r.latency.p999),
    max: pick((r) => r.latency.max),
  };
  const median_ = {
    achieved: pick((r) => r.achieved),
    ok: pick((r) => r.ok),
    scheduled: pick((r) => r.scheduled),
    errorRate: pick((r) => r.errorRate),
    latency,
    cpu: perProcess((r) => r.cpu),
    cpuSystem: perProcess((r) => r.cpuSystem),
    rssMiB: perProcess((r) => r.rssMiB),
    perServerCpuS: pick((r) => r.perServerCpuS),
    perStackCpuS: pick((r) => r.perStackCpuS),
    otherCpu: pick((r) => r.otherCpu),
    steal: pick((r) => r.steal),
    sendLagP99Ms: pick((r) => r.sendLagP99Ms),
    drainS: pick((r) => r.drainS),
    quietWaitS: pick((r) => r.quietWaitS),
  };
  const withinLimits = latency.p99 <= p99LimitMs && median_.errorRate <= LIMITS.errorRate;
  return { rate, runs, median: median_, errors: sumErrors(runs), withinLimits };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function bestStep(steps: StepSummary[]): number | null {
  let best: number | null = null;
  steps.forEach((s, i) => {
    if (s.withinLimits && (best === null || s.median.achieved > steps[best]!.median.achieved)) {
      best = i;
    }
  });
  return best;
}

function sumErrors(runs: RunResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of Object.entries(r.errors)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function describeRun(key: string, rate: number, rep: number, r: RunResult): string {
  const errors =
    Object.entries(r.errors)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ') || 'no errors';
  const cpu = Object.entries(r.cpu)
    .map(([k, s]) => `${k} ${s.toFixed(2)}`)
    .join(', ');
  const drain = r.drainS > 0.5 ? `; busy ${r.drainS} s after` : '';
  const quiet = r.quietWaitS > 0 ? `; waited ${r.quietWaitS} s for the machine` : '';
  return (
    `  ${key} ${rate}/s run ${rep + 1}: ${r.achieved}/s, p99 ${r.latency.p99.toFixed(1)} ms, ` +
    `${errors}; cpu-s ${cpu}${drain}${quiet}`
  );
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
