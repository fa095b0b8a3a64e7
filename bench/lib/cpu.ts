import { readFileSync } from 'node:fs';

// USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux architecture
// Node runs on; rss is counted in pages of 4 KiB on x86-64 and most arm64 kernels. `getconf
// CLK_TCK PAGESIZE` confirms both on the benchmark machine.
export const CLK_TCK = 100;
const PAGE_BYTES = 4096;

export interface ProcStat {
  /** Seconds of CPU in user mode, all threads (libuv's pool, where scrypt runs, included). */
  user: number;
  system: number;
  rssBytes: number;
}

/**
 * Parses one line of /proc/<pid>/stat. The second field is the command name in parentheses
 * and may itself hold spaces and parentheses, so the fields are counted from the last ')'.
 */
export function parseStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  if (close < 0) throw new Error('not a /proc stat line: no command name');

  // After the name come field 3 (state) onwards; utime is field 14, stime 15, rss 24.
  const rest = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => {
    const value = Number(rest[n - 3]);
    if (!Number.isFinite(value)) throw new Error(`not a /proc stat line: field ${n} missing`);
    return value;
  };

  return {
    user: field(14) / CLK_TCK,
    system: field(15) / CLK_TCK,
    rssBytes: field(24) * PAGE_BYTES,
  };
}

export function readStat(pid: number): ProcStat {
  return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

export type Snapshot = Record<string, ProcStat>;

/** Reads every named process; one that has gone reads as zero rather than failing the run. */
export function snapshot(pids: Record<string, number>): Snapshot {
  const out: Snapshot = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      out[name] = readStat(pid);
    } catch {
      out[name] = { user: 0, system: 0, rssBytes: 0 };
    }
  }
  return out;
}

/** User plus system CPU seconds each process spent between two snapshots. */
export function cpuBetween(before: Snapshot, after: Snapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, end] of Object.entries(after)) {
    const begin = before[name] ?? { user: 0, system: 0 };
    out[name] = round3(end.user + end.system - (begin.user + begin.system));
  }
  return out;
}

/** System CPU seconds alone: on loopback the kernel's TCP work lands on the sending process. */
export function systemBetween(before: Snapshot, after: Snapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, end] of Object.entries(after)) {
    out[name] = round3(end.system - (before[name]?.system ?? 0));
  }
  return out;
}

/** CPU seconds of the whole machine, summed over its cores, from the first line of /proc/stat. */
export interface MachineStat {
  /** user, nice, system, irq and softirq: time some process or the kernel ran. */
  busy: number;
  /** Time the hypervisor ran someone else while this VM wanted to run. */
  steal: number;
}

export function parseMachineStat(text: string): MachineStat {
  const first = text.split('\n', 1)[0] ?? '';
  const [label, ...fields] = first.trim().split(/\s+/);
  const n = fields.map(Number);
  if (label !== 'cpu' || n.length < 8 || n.some((v) => !Number.isFinite(v))) {
    throw new Error('not a /proc/stat cpu line');
  }

  // Fields: user nice system idle iowait irq softirq steal (guest time is inside user).
  const at = (i: number) => n[i] ?? 0;
  const busy = at(0) + at(1) + at(2) + at(5) + at(6);
  return { busy: busy / CLK_TCK, steal: at(7) / CLK_TCK };
}

export function readMachine(): MachineStat {
  return parseMachineStat(readFileSync('/proc/stat', 'utf8'));
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
