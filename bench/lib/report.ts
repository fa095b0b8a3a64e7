import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { SeriesResult, StepSummary } from './series.js';
import type { RefreshProbe } from './store.js';
import type { VerifyResult } from './verify.js';

/** What a run measured, as written to the results file. */
export interface Measured {
  accounts: number;
  chains: { live: number; dropped: number };
  series: SeriesResult[];
  /** Refreshes one at a time, before the series and after them. */
  refreshProbes: RefreshProbe[];
  verify: VerifyResult | null;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
}

export function machine(): Machine {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
  };
}

const HEAD = [
  'series',
  'offered/s',
  'achieved/s',
  'errors',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'auth cpu-s',
  'gw cpu-s',
  'db cpu-s',
  'load cpu-s',
  'req/server cpu-s',
  'limits',
];

/** One row per step: the medians of its runs, CPU over the measured window. */
export function seriesTable(series: SeriesResult[]): string {
  const rows = series.flatMap((s) => s.steps.map((step, i) => stepRow(s, step, i === s.best)));
  return pipeTable(HEAD, rows);
}

function stepRow(s: SeriesResult, step: StepSummary, best: boolean): string[] {
  const m = step.median;
  const ms = (n: number) => n.toFixed(1);
  const cpu = (name: string) => (m.cpu[name] ?? 0).toFixed(2);
  const verdict = step.withinLimits ? (best ? 'ok, best' : 'ok') : 'over';

  return [
    s.key + (s.store ? ' ¹' : ''),
    String(step.rate),
    m.achieved.toFixed(1),
    errorText(step),
    ms(m.latency.p50),
    ms(m.latency.p90),
    ms(m.latency.p99),
    ms(m.latency.p999),
    ms(m.latency.max),
    cpu('auth'),
    cpu('gateway'),
    cpu('database'),
    cpu('load'),
    String(m.perServerCpuS),
    verdict,
  ];
}

/** The median error rate, then every code with its count summed over the runs. */
function errorText(step: StepSummary): string {
  const codes = Object.entries(step.errors).sort((a, b) => b[1] - a[1]);
  if (codes.length === 0) return '0';

  const rate = `${(step.median.errorRate * 100).toFixed(2)}%`;
  return `${rate} (${codes.map(([code, n]) => `${code}×${n}`).join(', ')})`;
}

export function verifyTable(v: VerifyResult): string {
  const rows = v.methods.map((m) => [
    m.name,
    String(m.perSecond),
    m.microsEach.toFixed(1),
    String(m.perCpuSecond),
  ]);
  const head = ['in-process check, one in flight', 'per second', 'µs each', 'per CPU-second'];
  return pipeTable(head, rows);
}

export function probeTable(probes: RefreshProbe[]): string {
  const rows = probes.map((p) => [
    String(p.logins),
    String(p.count),
    p.p50Ms.toFixed(1),
    p.maxMs.toFixed(1),
    String(p.errors),
  ]);
  return pipeTable(
    ['logins stored', 'refreshes, one at a time', 'p50 ms', 'max ms', 'errors'],
    rows,
  );
}

export function printReport(m: Measured, store: string): void {
  const lines = [
    '',
    `Auth under load (store: ${store}; ¹ = every request reads or writes it)`,
    '',
    seriesTable(m.series),
    '',
    'Refresh latency against the number of logins stored:',
    '',
    probeTable(m.refreshProbes),
  ];
  if (m.verify) {
    const ratio = `TokenVerifier.verify ÷ jose jwtVerify: ${m.verify.verifierToJose}`;
    lines.push('', verifyTable(m.verify), '', ratio);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** A Markdown pipe table with padded columns, readable as plain text too. */
export function pipeTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/** A name for the results file: the UTC date and time, safe in any file system. */
export function resultsName(at: Date, quick: boolean): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `load-auth-${stamp}${quick ? '-quick' : ''}.json`;
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}
