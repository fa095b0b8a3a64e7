/**
 * Runs a task later, waiting longer after each attempt that did not settle things: the delays
 * given, then the last one again. `reset` cancels what is pending and starts from the first.
 */
export function createBackoff(delaysMs: readonly number[]) {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(task: () => void): void {
    clearTimeout(timer);
    const delay = delaysMs[Math.min(attempt, delaysMs.length - 1)] ?? 0;
    attempt += 1;
    timer = setTimeout(() => {
      timer = undefined;
      task();
    }, delay);
  }

  function reset(): void {
    clearTimeout(timer);
    timer = undefined;
    attempt = 0;
  }

  return { schedule, reset, pending: () => timer !== undefined };
}
