import { bestRatesChart } from './chart.js';
import type { Probe } from './probe.js';
import { probeTable, seriesTable, type CpuColumn } from './report.js';
import type { SeriesResult } from './series.js';
import type { SessionSizes } from './session-seed.js';

export interface ListProbe extends Probe {
  /** Membership documents stored when the probe ran. */
  memberships: number;
}

/** What a session run measured, as written to the results file. */
export interface SessionMeasured {
  sizes: SessionSizes;
  /** Seconds the servers kept busy after seeding, writing its system messages. */
  seedDrainS: number;
  series: SeriesResult[];
  /** ListJoined one call at a time, before the series and after them. */
  listProbes: ListProbe[];
}

const COLUMNS: CpuColumn[] = [
  ['session', 'session'],
  ['message', 'msg'],
  ['database', 'db'],
  ['nats', 'nats'],
  ['load', 'load'],
];

export function printSessionReport(m: SessionMeasured, store: string): void {
  const lines = [
    '',
    `Session service under load (store: ${store}; ¹ = every request reads or writes it;`,
    'server = session + message)',
    '',
    seriesTable(m.series, COLUMNS, 'memberships'),
    '',
    'Highest rate within the limits (p99 and errors), per series:',
    '',
    bestRatesChart(m.series),
    '',
    'ListJoined latency against the number of memberships stored:',
    '',
    probeTable(
      m.listProbes.map((probe) => ({ stored: probe.memberships, probe })),
      'memberships stored',
      'ListJoined, one at a time',
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
