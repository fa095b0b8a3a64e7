import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackoff } from './backoff';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createBackoff', () => {
  it('waits each delay in turn, then keeps to the last one', () => {
    const backoff = createBackoff([100, 500]);
    const task = vi.fn();
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      backoff.schedule(task);
      const start = Date.now();
      vi.advanceTimersToNextTimer();
      runs.push(Date.now() - start);
    }
    expect(runs).toEqual([100, 500, 500]);
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('cancels the pending task on reset and starts again from the first delay', () => {
    const backoff = createBackoff([100, 500]);
    const task = vi.fn();
    backoff.schedule(task);
    vi.advanceTimersByTime(100);
    backoff.schedule(task);
    expect(backoff.pending()).toBe(true);

    backoff.reset();
    vi.advanceTimersByTime(1_000);
    expect(task).toHaveBeenCalledTimes(1);
    expect(backoff.pending()).toBe(false);

    backoff.schedule(task);
    vi.advanceTimersByTime(100);
    expect(task).toHaveBeenCalledTimes(2);
  });
});
