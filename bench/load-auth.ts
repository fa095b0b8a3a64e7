// Load test of the auth path: log-ins, refreshes and the gateway's token checks, offered
// open-loop at stepped rates to NATS, the database, auth and one gateway, each its own process.
// Usage: node --import tsx bench/load-auth.ts [--quick] [--only=...] [--rates=<series>=<r>,...]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Api } from './lib/clients.js';
import { summarizeLog, type LogSummary } from './lib/logs.js';
import { parseArgs, type Options } from './lib/profiles.js';
import { machine, printReport, resultsName, writeJson, type Measured } from './lib/report.js';
import { authSeries, registerAccounts } from './lib/scenarios.js';
import { LIMITS, runSeries, type SeriesResult } from './lib/series.js';
import { startStack, storeName, type Stack } from './lib/stack.js';
import { probeRefresh, type RefreshProbe } from './lib/store.js';
import { TokenBank } from './lib/tokens.js';
import { benchVerify, type VerifyResult } from './lib/verify.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

// All load comes from 127.0.0.1, so the per-address limit would refuse it within seconds; no
// log-in fails, so the per-account limit never counts. SCRYPT_COST keeps its default, 16384:
// the log-in figures are those of the real cost.
const AUTH_ENV = { LOGIN_ADDRESS_LIMIT: '1000000', LOGIN_ACCOUNT_LIMIT: '1000000' };
const SCRYPT_COST = 16_384;
const PROBE_REFRESHES = 20;

let stack: Stack | undefined;
let exiting = false;

/** Stops every process this run started, then exits; safe to call more than once. */
async function shutdown(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    await stack?.stop().catch((err: unknown) => say(`stopping the stack failed: ${String(err)}`));
  }
  process.exit(code);
}

function say(line: string): void {
  process.stderr.write(line + '\n');
}

async function measure(s: Stack, opts: Options): Promise<Measured> {
  const { profile, only } = opts;
  const api = new Api(s.gatewayPort);
  const bank = new TokenBank(2_000, 1_500);
  const pids = { ...s.pids, load: process.pid };

  try {
    say(`registering ${profile.accounts} accounts (scrypt N=${SCRYPT_COST} each)...`);
    const accounts = await registerAccounts(api, bank, profile.accounts);
    const probes = [await probe(api, bank, s)];
    const series: SeriesResult[] = [];

    for (const spec of authSeries(api, bank, accounts, s.gatewayPort)) {
      if (!only.includes(spec.key)) continue;
      const rates = profile.rates[spec.key as keyof typeof profile.rates];
      say(`${spec.key}: ${spec.title}, at ${rates.join(', ')} per second`);
      series.push(await runSeries({ ...spec, rates }, profile.timing, pids, say));
    }
    probes.push(await probe(api, bank, s));

    let verify: VerifyResult | null = null;
    if (only.includes('verify')) {
      say(`verify: ${profile.verifyCount} in-process token checks per method, 3 times...`);
      verify = await benchVerify(s.authAddr, bank.accessAt(0), profile.verifyCount, 3);
    }

    const chains = { live: bank.chains, dropped: bank.dropped };
    return { accounts: accounts.length, chains, series, refreshProbes: probes, verify };
  } finally {
    api.close();
  }
}

async function probe(api: Api, bank: TokenBank, s: Stack): Promise<RefreshProbe> {
  const result = await probeRefresh(api, bank, s.mongo, PROBE_REFRESHES);
  say(`refresh probe: ${result.logins} logins stored, one at a time p50 ${result.p50Ms} ms`);
  return result;
}

function serviceLogs(s: Stack): Record<string, LogSummary> {
  return { auth: summarizeLog(s.logs.auth), gateway: summarizeLog(s.logs.gateway) };
}

function troubled(logs: Record<string, LogSummary>): boolean {
  return Object.values(logs).some((l) => (l.counts['error'] ?? 0) + (l.counts['fatal'] ?? 0) > 0);
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const watchdog = setTimeout(() => {
    say(`the run took longer than ${opts.profile.deadlineMs / 60_000} min; stopping it`);
    void shutdown(1);
  }, opts.profile.deadlineMs);
  watchdog.unref();

  say(`starting NATS, the database, auth and a gateway (${opts.profile.name} run)...`);
  const s = (stack = await startStack(AUTH_ENV));
  const store = storeName(s.pids.database);
  const measured = await measure(s, opts);

  const exitedEarly = s.exitedEarly();
  const logs = serviceLogs(s);
  await s.stop();
  stack = undefined;

  const file = join(RESULTS_DIR, resultsName(startedAt, opts.profile.name === 'quick'));
  writeJson(file, {
    tool: 'bench/load-auth.ts',
    profile: opts.profile.name,
    startedAt: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machine(),
    store,
    config: { ...AUTH_ENV, SCRYPT_COST, timing: opts.profile.timing, limits: LIMITS },
    units: 'latency in ms, CPU in seconds (user + system), histograms in µs',
    ...measured,
    services: { exitedEarly, logs },
  });
  printReport(measured, store);

  if (exitedEarly.length > 0) say(`exited during the run: ${exitedEarly.join(', ')}`);
  if (exitedEarly.length > 0 || troubled(logs)) say(`service logs kept in ${s.logDir}`);
  else rmSync(s.logDir, { recursive: true, force: true });
  say(`raw results: ${file}`);
  return exitedEarly.length > 0 ? 1 : 0;
}

process.once('SIGINT', () => {
  say('interrupted; stopping what this run started');
  void shutdown(130);
});
process.once('SIGTERM', () => void shutdown(143));

try {
  await shutdown(await main());
} catch (err) {
  say(`load-auth: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await shutdown(1);
}
