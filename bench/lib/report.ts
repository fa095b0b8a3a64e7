import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Probe } from './probe.js';
import type { SeriesResult, StepSummary } from './series.js';

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

/** A CPU column of the series table: the process's name in the pids and its heading. */
export type CpuColumn = [process: string, heading: string];

const HEAD = ['series', 'offered/s', 'achieved/s', 'errors'];
const LATENCY = ['p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms'];
const TAIL = ['other cpu-s', 'req/server cpu-s', 'req/stack cpu-s', 'busy after s', 'limits'];

/**
 * One row per step: the medians of its runs, CPU over the measured window. "other" is what the
 * rest of the machine used meanwhile (the machines are shared); "server" is the services under
 * test, "stack" adds NATS and the database; "busy after" is how long the servers kept working
 * once the last answer was in. `stored` heads a column of the documents
 * stored when each series began, shown when the series counted them.
 */
export function seriesTable(
  series: SeriesResult[],
  columns: CpuColumn[],
  stored = 'stored',
): string {
  const counted = series.some((s) => s.storedAtStart !== undefined);
  const head = [...HEAD, ...LATENCY, ...columns.map(([, h]) => `${h} cpu-s`), ...TAIL];
  const rows = series.flatMap((s) =>
    s.steps.map((step, i) => {
      const row = stepRow(s, step, i === s.best, columns);
      return counted ? [row[0]!, String(s.storedAtStart ?? ''), ...row.slice(1)] : row;
    }),
  );
  return pipeTable(counted ? [head[0]!, stored, ...head.slice(1)] : head, rows);
}

function stepRow(
  s: SeriesResult,
  step: StepSummary,
  best: boolean,
  columns: CpuColumn[],
): string[] {
  const m = step.median;
  const ms = (n: number) => n.toFixed(1);
  const verdict = step.withinLimits ? (best ? 'ok, best' : 'ok') : 'over';
  const { p50, p90, p99, p999, max } = m.latency;

  return [
    s.key + (s.store ? ' ¹' : ''),
    String(step.rate),
    m.achieved.toFixed(1),
    errorText(step),
    ...[p50, p90, p99, p999, max].map(ms),
    ...columns.map(([name]) => (m.cpu[name] ?? 0).toFixed(2)),
    m.otherCpu.toFixed(2),
    String(m.perServerCpuS),
    String(m.perStackCpuS),
    m.drainS.toFixed(1),
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

/**
 * Probes against how much the store held at each: `stored` heads the count column, `calls`
 * the one of the calls made, e.g. "logins stored" and "refreshes, one at a time".
 */
export function probeTable(
  probes: { stored: number; probe: Probe }[],
  stored: string,
  calls: string,
): string {
  const rows = probes.map(({ stored: n, probe: p }) => [
    String(n),
    String(p.count),
    p.p50Ms.toFixed(1),
    p.maxMs.toFixed(1),
    String(p.errors),
    p.machineCores.toFixed(2),
  ]);
  return pipeTable([stored, calls, 'p50 ms', 'max ms', 'errors', 'machine busy cores'], rows);
}

/** A Markdown pipe table with padded columns, readable as plain text too. */
export function pipeTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/**
 * A name for the results file: the tool, the UTC date and time, safe in any file system. Quick
 * runs end in `-quick.json`, which bench/results/.gitignore keeps out of the repository.
 */
export function resultsName(tool: string, at: Date, quick: boolean): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${tool}-${stamp}${quick ? '-quick' : ''}.json`;
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}
