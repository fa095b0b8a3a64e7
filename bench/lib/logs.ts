import { readFileSync } from 'node:fs';

/** The last `n` lines of a log file, or a note when it cannot be read. */
export function lastLines(file: string, n: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch (err) {
    return `(cannot read ${file}: ${(err as Error).message})`;
  }
}

export interface LogSummary {
  file: string;
  /** Lines per pino level name (warn, error, fatal) and `other` for lines that are not JSON. */
  counts: Record<string, number>;
  /** Distinct messages with how often each occurred, most frequent first, at most ten. */
  messages: { level: string; msg: string; count: number }[];
}

const LEVELS: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * What a service said while under load. The services log at `warn`, so every line is worth a
 * look; grouping by message keeps a thousand identical warnings readable.
 */
export function summarizeLog(file: string): LogSummary {
  const counts: Record<string, number> = {};
  const byMessage = new Map<string, { level: string; msg: string; count: number }>();

  for (const line of readLines(file)) {
    const { level, msg } = parseLine(line);
    counts[level] = (counts[level] ?? 0) + 1;

    const key = `${level} ${msg}`;
    const seen = byMessage.get(key) ?? { level, msg, count: 0 };
    seen.count += 1;
    byMessage.set(key, seen);
  }

  const messages = [...byMessage.values()].sort((a, b) => b.count - a.count).slice(0, 10);
  return { file, counts, messages };
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
  } catch {
    return [];
  }
}

function parseLine(line: string): { level: string; msg: string } {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    const detail = entry.err?.message ? `: ${entry.err.message}` : '';
    return { level: LEVELS[entry.level ?? 0] ?? 'other', msg: `${entry.msg ?? ''}${detail}` };
  } catch {
    return { level: 'other', msg: line.slice(0, 200) };
  }
}

/** One line per service log: its counts by level and its most frequent message. */
export function describeLog(name: string, log: LogSummary): string {
  const counts = Object.entries(log.counts).map(([level, n]) => `${level}×${n}`);
  if (counts.length === 0) return `${name} log: nothing at warn or above`;

  const top = log.messages[0];
  const most = top ? `; most often (${top.level}×${top.count}): ${top.msg.slice(0, 160)}` : '';
  return `${name} log: ${counts.join(' ')}${most}`;
}
