import type { SeriesResult, StepSummary } from './series.js';

/** The figures of one step that a comparison with its baseline needs, medians of its runs. */
export interface StepFigures {
  achieved: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU milliseconds of the database process per successful request. */
  dbCpuMs: number;
  /** CPU milliseconds of every process, load generator included, per successful request. */
  allCpuMs: number;
  withinLimits: boolean;
}

/** A pipeline step beside its baseline at the same offered rate; ratios are pipeline ÷ baseline. */
export interface Comparison {
  rate: number;
  pipeline: StepFigures;
  baseline: StepFigures;
  ratio: { achieved: number | null; p50: number | null; p99: number | null; allCpu: number | null };
}

/** Pairs the steps both series ran at the same rate, in the pipeline's order. */
export function compareSeries(pipeline: SeriesResult, baseline: SeriesResult): Comparison[] {
  const out: Comparison[] = [];
  for (const step of pipeline.steps) {
    const match = baseline.steps.find((b) => b.rate === step.rate);
    if (!match) continue;

    const p = figuresOf(step);
    const b = figuresOf(match);
    out.push({
      rate: step.rate,
      pipeline: p,
      baseline: b,
      ratio: {
        achieved: ratio(p.achieved, b.achieved),
        p50: ratio(p.p50Ms, b.p50Ms),
        p99: ratio(p.p99Ms, b.p99Ms),
        allCpu: ratio(p.allCpuMs, b.allCpuMs),
      },
    });
  }
  return out;
}

export function figuresOf(step: StepSummary): StepFigures {
  const m = step.median;
  const perRequest = (cpuS: number) => (m.ok > 0 ? round2((cpuS * 1000) / m.ok) : 0);
  const all = Object.values(m.cpu).reduce((a, b) => a + b, 0);

  return {
    achieved: m.achieved,
    p50Ms: m.latency.p50,
    p99Ms: m.latency.p99,
    dbCpuMs: perRequest(m.cpu['database'] ?? 0),
    allCpuMs: perRequest(all),
    withinLimits: step.withinLimits,
  };
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? round2(a / b) : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
