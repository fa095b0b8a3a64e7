import { bestRatesChart } from './chart.js';
import { pipeTable, probeTable, seriesTable, type CpuColumn } from './report.js';
import type { SeriesResult } from './series.js';
import type { RefreshProbe } from './store.js';
import type { VerifyResult } from './verify.js';

/** What an auth run measured, as written to the results file. */
export interface AuthMeasured {
  accounts: number;
  chains: { live: number; dropped: number };
  series: SeriesResult[];
  /** Refreshes one at a time, before the series and after them. */
  refreshProbes: RefreshProbe[];
  verify: VerifyResult | null;
}

const COLUMNS: CpuColumn[] = [
  ['auth', 'auth'],
  ['gateway', 'gw'],
  ['session', 'session'],
  ['database', 'db'],
  ['load', 'load'],
];

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

export function printAuthReport(m: AuthMeasured, store: string): void {
  const lines = [
    '',
    `Auth under load (store: ${store}; ¹ = every request reads or writes it)`,
    '',
    seriesTable(m.series, COLUMNS),
    '',
    'Highest rate within the limits (p99 and errors), per series:',
    '',
    bestRatesChart(m.series),
    '',
    'Refresh latency against the number of logins stored:',
    '',
    probeTable(
      m.refreshProbes.map((probe) => ({ stored: probe.logins, probe })),
      'logins stored',
      'refreshes, one at a time',
    ),
  ];
  if (m.verify) {
    const ratio = `TokenVerifier.verify ÷ jose jwtVerify: ${m.verify.verifierToJose}`;
    lines.push('', verifyTable(m.verify), '', ratio);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
