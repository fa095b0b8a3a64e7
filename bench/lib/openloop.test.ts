import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { check, latencyOf, RequestError, runOpenLoop, type StepPlan } from './openloop.js';

const plan = (over: Partial<StepPlan>): StepPlan => ({
  rate: 1000,
  warmupMs: 0,
  measureMs: 200,
  timeoutMs: 1_000,
  maxInFlight: 10_000,
  ...over,
});

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) Math.sqrt(Math.random());
}

describe('runOpenLoop', () => {
  it('sends rate × duration requests and records only those after the warm-up', async () => {
    let sent = 0;
    let sentAtMeasureStart = -1;

    const result = await runOpenLoop(
      plan({ warmupMs: 50, measureMs: 200 }),
      async () => void (sent += 1),
      () => (sentAtMeasureStart = sent),
    );

    assert.equal(sent, 250);
    assert.equal(sentAtMeasureStart, 50);
    assert.equal(result.scheduled, 200);
    assert.equal(result.ok, 200);
    assert.equal(result.histogram.totalCount, 200);
    assert.ok(result.achieved > 700 && result.achieved <= 1_010, `achieved ${result.achieved}`);
  });

  it('spreads the requests over the window instead of sending them in a burst', async () => {
    const sentAt: number[] = [];
    const start = performance.now();

    await runOpenLoop(plan({ rate: 500 }), async () => void sentAt.push(performance.now() - start));

    // Request i is due at i × 2 ms: never sent before that, and the last near the end.
    sentAt.forEach((t, i) => assert.ok(t >= i * 2 - 0.5, `request ${i} early at ${t} ms`));
    assert.ok(sentAt.at(-1)! >= 190, `last at ${sentAt.at(-1)} ms`);
  });

  it('measures latency from the scheduled time, so a stall shows instead of being omitted', async () => {
    setTimeout(() => spin(80), 20);

    const result = await runOpenLoop(plan({}), async () => undefined);
    const latency = latencyOf(result.histogram);

    // Each request answers at once; only the 80 ms stall of the sender can make them late.
    assert.equal(result.ok, 200);
    assert.ok(latency.max >= 60, `max ${latency.max} ms`);
    assert.ok(latency.p50 < 40, `p50 ${latency.p50} ms`);
    assert.ok(latencyOf(result.sendLag).max >= 60, 'the stall shows as send lag too');
  });

  it('counts failures by code and ends a hung request at its timeout', async () => {
    let aborted = 0;
    const send = (i: number, signal: AbortSignal) => {
      if (i % 4 === 1) return Promise.reject(new RequestError('503:unavailable'));
      if (i % 4 === 2) return Promise.reject(new Error('no code'));
      if (i % 4 === 3) return Promise.resolve();
      signal.addEventListener('abort', () => (aborted += 1));
      return new Promise<void>(() => undefined);
    };
    const started = performance.now();

    const result = await runOpenLoop(plan({ measureMs: 100, timeoutMs: 50 }), send);

    assert.deepEqual(result.errors, { timeout: 25, '503:unavailable': 25, exception: 25 });
    assert.equal(result.ok, 25);
    assert.equal(aborted, 25);
    assert.ok(performance.now() - started < 600);
  });

  it('keeps at most maxInFlight requests open and counts the rest as client backlog', async () => {
    let open = 0;
    const send = () => {
      open += 1;
      return new Promise<void>(() => undefined);
    };

    const result = await runOpenLoop(
      plan({ measureMs: 50, timeoutMs: 200, maxInFlight: 10 }),
      send,
    );

    assert.equal(open, 10);
    assert.deepEqual(result.errors, { timeout: 10, client_backlog: 40 });
  });
});

describe('check', () => {
  it('passes a true condition and fails a false one with its code', () => {
    check(true, 'never');

    assert.throws(
      () => check(false, 'short_page'),
      (err) => err instanceof RequestError && err.code === 'short_page',
    );
  });
});
