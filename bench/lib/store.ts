import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { expectOk, type Api } from './clients.js';
import { median } from './series.js';
import type { TokenBank } from './tokens.js';

/** How many login documents auth's store holds: every log-in and registration adds one. */
export async function countLogins(mongoUrl: string, dbName: string): Promise<number> {
  const client = await MongoClient.connect(mongoUrl, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await client.db(dbName).collection('logins').countDocuments();
  } finally {
    await client.close();
  }
}

export interface RefreshProbe {
  logins: number;
  count: number;
  errors: number;
  p50Ms: number;
  maxMs: number;
}

/**
 * A few refreshes one after another on an idle system. FerretDB on SQLite answers the lookup
 * by refresh-token hash with a scan of every login, so this latency grows with the number of
 * logins stored; the probe says how much, at the moment it runs.
 */
export async function probeRefresh(
  api: Api,
  bank: TokenBank,
  mongo: { url: string; db: string },
  count: number,
): Promise<RefreshProbe> {
  const logins = await countLogins(mongo.url, mongo.db);
  const times: number[] = [];

  let errors = 0;

  for (let i = 0; i < count; i++) {
    const signal = AbortSignal.timeout(10_000);
    const start = performance.now();
    let refreshToken: string | undefined;
    try {
      refreshToken = await bank.takeChain(signal);
      const answer = expectOk(await api.post('/api/auth/refresh', { refreshToken }, signal));
      times.push(performance.now() - start);
      bank.putChain((answer.body['tokens'] as { refreshToken: string }).refreshToken);
    } catch {
      if (refreshToken !== undefined) bank.dropChain();
      errors += 1;
    }
  }

  const round = (n: number) => Math.round(n * 10) / 10;
  const maxMs = times.length > 0 ? round(Math.max(...times)) : 0;
  return { logins, count, errors, p50Ms: round(median(times)), maxMs };
}
