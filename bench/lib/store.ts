import { expectOk, type Api } from './clients.js';
import { countDocuments, oneAtATime, type Probe } from './probe.js';
import type { TokenBank } from './tokens.js';

export interface RefreshProbe extends Probe {
  /** Login documents in auth's store when the probe ran: every log-in and registration adds one. */
  logins: number;
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
  const logins = await countDocuments(mongo, 'logins');
  const timed = await oneAtATime(count, async (signal) => {
    let refreshToken: string | undefined;
    try {
      refreshToken = await bank.takeChain(signal);
      const answer = expectOk(await api.post('/api/auth/refresh', { refreshToken }, signal));
      bank.putChain((answer.body['tokens'] as { refreshToken: string }).refreshToken);
    } catch (err) {
      if (refreshToken !== undefined) bank.dropChain();
      throw err;
    }
  });
  return { logins, ...timed };
}
