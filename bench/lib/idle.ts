import { performance } from 'node:perf_hooks';
import { readMachine, snapshot } from './cpu.js';

// Long enough for /proc's 10 ms ticks to give a usable share, short enough not to waste a run.
const WINDOW_MS = 500;

/** Below this share of one core, summed over the processes watched, they count as idle. */
export const IDLE_CORES = 0.15;

/** Below this share of one core, the rest of the machine counts as quiet. */
export const QUIET_CORES = 0.25;

/** Whether processes that used `cpuS` CPU seconds together over `wallS` seconds were idle. */
export function isIdle(cpuS: number, wallS: number, maxCores = IDLE_CORES): boolean {
  return wallS > 0 && cpuS / wallS < maxCores;
}

/**
 * Waits until the processes are idle over one window and returns the seconds that passed
 * before that window began: 0 when they were idle at once, `maxMs` / 1000 when they never were.
 * A server that answered every request may still work through what the requests queued.
 */
export function waitIdle(pids: Record<string, number>, maxMs: number): Promise<number> {
  return waitBelow(() => cpuOf(pids), IDLE_CORES, maxMs);
}

/**
 * Waits, the same way, until everything on the machine but these processes is quiet: the
 * machines are shared, and a run measured while other work holds a core measures that work.
 */
export function waitQuiet(pids: Record<string, number>, maxMs: number): Promise<number> {
  return waitBelow(() => readMachine().busy - cpuOf(pids), QUIET_CORES, maxMs);
}

/** Every process but the load generator: what must be idle before the next run starts. */
export function withoutLoad(pids: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(pids).filter(([name]) => name !== 'load'));
}

function cpuOf(pids: Record<string, number>): number {
  return Object.values(snapshot(pids)).reduce((sum, s) => sum + s.user + s.system, 0);
}

/** `read` gives CPU seconds used so far; waits for a window that used less than `maxCores`. */
async function waitBelow(read: () => number, maxCores: number, maxMs: number): Promise<number> {
  const start = performance.now();
  let windowStart = start;
  let before = read();

  while (windowStart - start < maxMs) {
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const after = read();
    const now = performance.now();

    if (isIdle(after - before, (now - windowStart) / 1000, maxCores)) {
      return (windowStart - start) / 1000;
    }
    before = after;
    windowStart = now;
  }
  return maxMs / 1000;
}
