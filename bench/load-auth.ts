// Load test of the auth path: log-ins, refreshes and the gateway's token checks, offered
// open-loop at stepped rates to NATS, the database, auth, session and one gateway, each its own
// process. Session is there because a gateway asks it for a user's sessions on every WebSocket
// connect; without it each connect would log a warning and retry.
// Usage: node --import tsx bench/load-auth.ts [--quick] [--only=...] [--rates=<series>=<r>,...]
import { printAuthReport, type AuthMeasured } from './lib/auth-report.js';
import { Api } from './lib/clients.js';
import type { Ladders, Options, Profile } from './lib/profiles.js';
import { runLoadTest, runSelected, say } from './lib/program.js';
import { authSeries, registerAccounts } from './lib/scenarios.js';
import type { RunContext } from './lib/series.js';
import type { Stack } from './lib/stack.js';
import { probeRefresh, type RefreshProbe } from './lib/store.js';
import { TokenBank } from './lib/tokens.js';
import { benchVerify, type VerifyResult } from './lib/verify.js';

// All load comes from 127.0.0.1, so the per-address limit would refuse it within seconds; no
// log-in fails, so the per-account limit never counts. SCRYPT_COST keeps its default, 16384:
// the log-in figures are those of the real cost.
const AUTH_ENV = { LOGIN_ADDRESS_LIMIT: '1000000', LOGIN_ACCOUNT_LIMIT: '1000000' };
const SCRYPT_COST = 16_384;
const PROBE_REFRESHES = 20;

const SERIES = ['login', 'refresh', 'me', 'ws'] as const;
type SeriesKey = (typeof SERIES)[number];

interface AuthProfile extends Profile<SeriesKey> {
  /** Accounts registered before the load; log-ins go round them in turn. */
  accounts: number;
  /** In-process verifications per method and repetition. */
  verifyCount: number;
}

// The ladders are set so that each series reaches the rate where it breaks the limits on a
// two-core machine while the full run stays near five minutes.
const LADDERS: Ladders<SeriesKey, AuthProfile> = {
  program: 'bench/load-auth.ts',
  series: SERIES,
  extras: ['verify'],
  full: {
    name: 'full',
    timing: {
      warmupMs: 2_000,
      measureMs: 5_000,
      reps: 3,
      timeoutMs: 5_000,
      maxInFlight: 4_000,
      drainMaxMs: 10_000,
      quietMaxMs: 10_000,
    },
    rates: {
      login: [5, 10, 15, 20],
      refresh: [25, 50, 100, 150],
      me: [100, 200, 400, 600],
      ws: [250, 500, 1000, 1500],
    },
    accounts: 64,
    verifyCount: 20_000,
    deadlineMs: 20 * 60_000,
  },
  quick: {
    name: 'quick',
    timing: {
      warmupMs: 1_000,
      measureMs: 2_000,
      reps: 1,
      timeoutMs: 3_000,
      maxInFlight: 4_000,
      drainMaxMs: 5_000,
      quietMaxMs: 2_000,
    },
    rates: { login: [10, 30], refresh: [200, 800], me: [500, 2000], ws: [500, 2000] },
    accounts: 32,
    verifyCount: 5_000,
    deadlineMs: 4 * 60_000,
  },
};

async function measure(
  s: Stack,
  opts: Options<AuthProfile>,
  ctx: RunContext,
): Promise<AuthMeasured> {
  const { profile, only } = opts;
  const api = new Api(s.gatewayPort);
  const bank = new TokenBank(2_000, 1_500);

  try {
    say(`registering ${profile.accounts} accounts (scrypt N=${SCRYPT_COST} each)...`);
    const accounts = await registerAccounts(api, bank, profile.accounts);
    const probes = [await probe(api, bank, s)];
    const specs = authSeries(api, bank, accounts, s.gatewayPort);
    const series = await runSelected(specs, profile.rates, only, ctx);
    probes.push(await probe(api, bank, s));

    let verify: VerifyResult | null = null;
    if (only.includes('verify')) {
      say(`verify: ${profile.verifyCount} in-process token checks per method, 3 times...`);
      verify = await benchVerify(s.addrs.auth, bank.accessAt(0), profile.verifyCount, 3);
    }

    const chains = { live: bank.chains, dropped: bank.dropped };
    return { accounts: accounts.length, chains, series, refreshProbes: probes, verify };
  } finally {
    api.close();
  }
}

async function probe(api: Api, bank: TokenBank, s: Stack): Promise<RefreshProbe> {
  const mongo = { url: s.mongo.url, db: s.mongo.db.auth };
  const result = await probeRefresh(api, bank, mongo, PROBE_REFRESHES);
  say(`refresh probe: ${result.logins} logins stored, one at a time p50 ${result.p50Ms} ms`);
  return result;
}

await runLoadTest({
  tool: 'load-auth',
  ladders: LADDERS,
  plan: { label: 'auth', services: ['auth', 'session', 'gateway'], env: { auth: AUTH_ENV } },
  config: { ...AUTH_ENV, SCRYPT_COST },
  measure,
  print: printAuthReport,
});
