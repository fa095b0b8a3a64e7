import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { readMachine } from './cpu.js';
import { median } from './series.js';

/** Calls made one after another on an otherwise idle system. */
export interface Probe {
  count: number;
  errors: number;
  p50Ms: number;
  maxMs: number;
  /**
   * Cores the whole machine kept busy during the probe. One call at a time keeps about one
   * busy; well above that, other work shared the machine and the latencies include it.
   */
  machineCores: number;
}

/**
 * Makes `count` calls one at a time, each with its own 10-second signal, and times the ones
 * that succeed. With nothing queued in front of it, a call's latency is its own cost, which
 * on FerretDB grows with the documents a query has to scan.
 */
export async function oneAtATime(
  count: number,
  call: (signal: AbortSignal) => Promise<void>,
): Promise<Probe> {
  const times: number[] = [];
  let errors = 0;
  const machineBefore = readMachine();
  const startedAt = performance.now();

  for (let i = 0; i < count; i++) {
    const start = performance.now();
    try {
      await call(AbortSignal.timeout(10_000));
      times.push(performance.now() - start);
    } catch {
      errors += 1;
    }
  }

  const wallS = (performance.now() - startedAt) / 1000;
  const busyS = readMachine().busy - machineBefore.busy;
  const machineCores = wallS > 0 ? Math.round((busyS / wallS) * 100) / 100 : 0;

  const round = (n: number) => Math.round(n * 10) / 10;
  const maxMs = times.length > 0 ? round(Math.max(...times)) : 0;
  return { count, errors, p50Ms: round(median(times)), maxMs, machineCores };
}

/** How many documents a collection holds, read with a client of its own. */
export async function countDocuments(
  mongo: { url: string; db: string },
  collection: string,
): Promise<number> {
  const client = await MongoClient.connect(mongo.url, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await client.db(mongo.db).collection(collection).countDocuments();
  } finally {
    await client.close();
  }
}
