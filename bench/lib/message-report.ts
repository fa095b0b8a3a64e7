import { bestRatesChart } from './chart.js';
import { compareSeries, type Comparison } from './compare.js';
import type { MessageSizes } from './message-seed.js';
import type { Probe } from './probe.js';
import { pipeTable, probeTable, seriesTable, type CpuColumn } from './report.js';
import type { SeriesResult } from './series.js';

export interface StoreProbe extends Probe {
  /** Message documents stored when the probe ran. */
  messages: number;
}

/** What a message run measured, as written to the results file. */
export interface MessageMeasured {
  sizes: MessageSizes;
  writeConcern: unknown;
  /** Seconds the servers kept busy after seeding (system messages, activity updates). */
  seedDrainS: number;
  series: SeriesResult[];
  /** Each pipeline series beside its driver baseline, step by step. */
  comparisons: { pipeline: string; baseline: string; steps: Comparison[] }[];
  /** Sends one at a time, before the series and after them. */
  sendProbes: StoreProbe[];
  /** Latest of `sizes.latestSessions` sessions one at a time, before the series and after. */
  latestProbes: StoreProbe[];
}

const COLUMNS: CpuColumn[] = [
  ['message', 'msg'],
  ['session', 'session'],
  ['database', 'db'],
  ['nats', 'nats'],
  ['load', 'load'],
];

/** The pairs of pipeline and baseline series, where the run has both. */
export const BASELINES: [pipeline: string, baseline: string][] = [
  ['send', 'driver-insert'],
  ['history', 'driver-find'],
];

export function comparisonsOf(series: SeriesResult[]): MessageMeasured['comparisons'] {
  const byKey = new Map(series.map((s) => [s.key, s]));
  return BASELINES.flatMap(([p, b]) => {
    const [pipeline, baseline] = [byKey.get(p), byKey.get(b)];
    if (!pipeline || !baseline) return [];
    return [{ pipeline: p, baseline: b, steps: compareSeries(pipeline, baseline) }];
  });
}

export function comparisonTable(steps: Comparison[]): string {
  const n = (v: number) => v.toFixed(1);
  const x = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)}×`);
  const rows = steps.map((c) => [
    String(c.rate),
    `${n(c.pipeline.achieved)} / ${n(c.baseline.achieved)}`,
    `${n(c.pipeline.p50Ms)} / ${n(c.baseline.p50Ms)}`,
    x(c.ratio.p50),
    `${n(c.pipeline.p99Ms)} / ${n(c.baseline.p99Ms)}`,
    x(c.ratio.p99),
    `${c.pipeline.dbCpuMs.toFixed(2)} / ${c.baseline.dbCpuMs.toFixed(2)}`,
    `${c.pipeline.allCpuMs.toFixed(2)} / ${c.baseline.allCpuMs.toFixed(2)}`,
    x(c.ratio.allCpu),
  ]);
  const head = [
    'offered/s',
    'achieved/s',
    'p50 ms',
    'p50 ratio',
    'p99 ms',
    'p99 ratio',
    'db cpu-ms/req',
    'all cpu-ms/req',
    'cpu ratio',
  ];
  return pipeTable(head, rows);
}

export function printMessageReport(m: MessageMeasured, store: string): void {
  const lines = [
    '',
    `Message service under load (store: ${store}; ¹ = every request reads or writes it;`,
    `server = message + session; write concern ${JSON.stringify(m.writeConcern)})`,
    '',
    seriesTable(m.series, COLUMNS, 'messages'),
    '',
    'Highest rate within the limits (p99 and errors), per series:',
    '',
    bestRatesChart(m.series),
  ];
  for (const c of m.comparisons) {
    lines.push('', `${c.pipeline} against ${c.baseline} (pipeline / driver, ${store}):`, '');
    lines.push(comparisonTable(c.steps));
  }
  const stored = (probes: StoreProbe[]) =>
    probes.map((probe) => ({ stored: probe.messages, probe }));
  lines.push('', 'Send and Latest latency against the number of messages stored:', '');
  lines.push(probeTable(stored(m.sendProbes), 'messages stored', 'sends, one at a time'));
  lines.push(
    '',
    probeTable(
      stored(m.latestProbes),
      'messages stored',
      `Latest of ${m.sizes.latestSessions}, one at a time`,
    ),
  );
  process.stdout.write(lines.join('\n') + '\n');
}
