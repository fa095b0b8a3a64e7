import type { SeriesResult, StepSummary } from './series.js';

/** A step whose runs had `ok` answers at median latency `p50` (p99 twice that) and this CPU. */
export function stepOf(
  rate: number,
  ok: number,
  p50: number,
  cpu: Record<string, number>,
): StepSummary {
  const latency = { p50, p90: p50, p99: p50 * 2, p999: p50 * 3, max: p50 * 4 };
  const median = {
    achieved: ok / 5,
    ok,
    scheduled: ok,
    errorRate: 0,
    latency,
    cpu,
    cpuSystem: {},
    rssMiB: {},
    perServerCpuS: 0,
    perStackCpuS: 0,
    otherCpu: 0,
    steal: 0,
    sendLagP99Ms: 0,
    drainS: 0,
    quietWaitS: 0,
  };
  return { rate, runs: [], median, errors: {}, withinLimits: p50 < 50 };
}

export function seriesOf(key: string, steps: StepSummary[]): SeriesResult {
  return { key, title: key, store: true, p99LimitMs: 100, steps, best: 0, bestHistograms: [] };
}
