/**
 * Calls `work` on every item with at most `concurrency` calls open at once, and resolves with
 * the answers in the order of the items. For setting up a run, where every call must succeed:
 * the first failure rejects (calls already open still finish, their answers unused).
 */
export async function eachLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;

  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return out;
}

/** 0, 1, … n - 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
