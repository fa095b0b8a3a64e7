import { performance } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';

/** How one step of load is offered: a fixed rate, a warm-up that is not recorded, a window. */
export interface StepPlan {
  /** Requests per second. */
  rate: number;
  warmupMs: number;
  measureMs: number;
  /** A request still open this long after its scheduled time counts as a timeout. */
  timeoutMs: number;
  /** Beyond this many open requests new ones are not sent: the client itself is the limit. */
  maxInFlight: number;
}

/** Thrown by a request to name its failure in the error counts. */
export class RequestError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Fails a request whose answer is not what its series expects, so that it counts as an error. */
export function check(condition: boolean, code: string): void {
  if (!condition) throw new RequestError(code);
}

/** Sends request number `index`; resolves on success, rejects (ideally a RequestError) else. */
export type Send = (index: number, signal: AbortSignal) => Promise<void>;

export interface StepResult {
  rate: number;
  /** Requests scheduled inside the measured window. */
  scheduled: number;
  ok: number;
  errors: Record<string, number>;
  /**
   * From the first measured scheduled time to the later of the schedule's end and the last
   * answer.
   */
  windowMs: number;
  /** Successful answers per second of the window. */
  achieved: number;
  /** Latency of successful measured requests, in microseconds, from their scheduled time. */
  histogram: Histogram;
  /** How late the load generator itself sent measured requests, in microseconds. */
  sendLag: Histogram;
}

// The highest latency the histogram tracks, in microseconds; timeouts end requests long before.
const HIGHEST_US = 120_000_000;

export function newHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, autoResize: false });
}

/** Request counts of a step: everything before `firstMeasured` is warm-up. */
export function scheduleOf(plan: StepPlan): {
  total: number;
  firstMeasured: number;
  gapMs: number;
} {
  const total = Math.round((plan.rate * (plan.warmupMs + plan.measureMs)) / 1000);
  const firstMeasured = Math.round((plan.rate * plan.warmupMs) / 1000);
  return { total, firstMeasured, gapMs: 1000 / plan.rate };
}

/**
 * Offers load open-loop: request i is due at start + i/rate whatever happened to earlier ones,
 * and its latency counts from that due time. A stalled server or a stalled event loop here
 * therefore shows as latency of every request that should have gone out meanwhile, instead of
 * quietly lowering the offered rate (coordinated omission). `onMeasureStart` runs just before
 * the first measured request is sent, so that the caller can take CPU readings.
 */
export async function runOpenLoop(
  plan: StepPlan,
  send: Send,
  onMeasureStart?: () => void,
): Promise<StepResult> {
  const { total, firstMeasured, gapMs } = scheduleOf(plan);
  const run = new Run(plan, send, firstMeasured);
  const start = performance.now();

  for (let next = 0; next < total;) {
    const now = performance.now();
    for (; next < total && start + next * gapMs <= now; next++) {
      if (next === firstMeasured) onMeasureStart?.();
      run.issue(next, start + next * gapMs);
    }
    if (next < total) await pause(start + next * gapMs - performance.now());
  }
  if (firstMeasured >= total) onMeasureStart?.();

  await run.settled();
  return run.result(start + firstMeasured * gapMs, start + total * gapMs, total - firstMeasured);
}

/** The bookkeeping of one step: open requests, counts and the histogram. */
class Run {
  private readonly open = new Set<Promise<void>>();
  private readonly errors: Record<string, number> = {};
  private readonly histogram = newHistogram();
  private readonly sendLag = newHistogram();
  private ok = 0;
  private lastAnswer = 0;

  constructor(
    private readonly plan: StepPlan,
    private readonly send: Send,
    private readonly firstMeasured: number,
  ) {}

  issue(index: number, dueAt: number): void {
    const measured = index >= this.firstMeasured;
    if (measured) this.sendLag.recordValue(micros(performance.now() - dueAt));
    if (this.open.size >= this.plan.maxInFlight) {
      if (measured) this.count('client_backlog');
      return;
    }

    const done = this.attempt(index, dueAt).then((outcome) => {
      this.open.delete(done);
      if (measured) this.record(outcome, dueAt);
    });
    this.open.add(done);
  }

  async settled(): Promise<void> {
    while (this.open.size > 0) await Promise.all([...this.open]);
  }

  result(windowStart: number, scheduleEnd: number, scheduled: number): StepResult {
    const windowMs = Math.max(scheduleEnd, this.lastAnswer) - windowStart;
    const achieved = windowMs > 0 ? (this.ok * 1000) / windowMs : 0;
    const { ok, errors, histogram, sendLag } = this;
    return { rate: this.plan.rate, scheduled, ok, errors, windowMs, achieved, histogram, sendLag };
  }

  /** Resolves with null on success or an error code; never later than the timeout. */
  private attempt(index: number, dueAt: number): Promise<string | null> {
    const abort = new AbortController();

    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          abort.abort();
          resolve('timeout');
        },
        dueAt + this.plan.timeoutMs - performance.now(),
      );

      const finish = (code: string | null) => {
        clearTimeout(timer);
        resolve(code);
      };
      this.send(index, abort.signal).then(
        () => finish(null),
        (err: unknown) => finish(codeOf(err)),
      );
    });
  }

  private record(outcome: string | null, dueAt: number): void {
    const now = performance.now();
    this.lastAnswer = Math.max(this.lastAnswer, now);
    if (outcome !== null) return this.count(outcome);

    this.ok += 1;
    this.histogram.recordValue(micros(now - dueAt));
  }

  private count(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }
}

function micros(ms: number): number {
  return Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000)));
}

function codeOf(err: unknown): string {
  if (err instanceof RequestError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'exception';
}

// Rounded up to whole milliseconds: timers fire on the loop's cached millisecond clock, and
// waiting out the remainder with setImmediate would spin a core the servers need. A request
// sent up to a millisecond late has that millisecond in its latency (see `sendLag`).
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));
}

/** Latency percentiles of a histogram in milliseconds. */
export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export function latencyOf(h: Histogram): Latency {
  const ms = (us: number) => us / 1000;
  return {
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
  };
}
