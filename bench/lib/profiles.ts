import type { Timing } from './series.js';

export const SERIES = ['login', 'refresh', 'me', 'ws'] as const;
export type SeriesKey = (typeof SERIES)[number];

/** How long and how hard a run is. */
export interface Profile {
  name: 'full' | 'quick';
  timing: Timing;
  /** Offered rates per series, lowest first; a series stops at its first step over the limits. */
  rates: Record<SeriesKey, number[]>;
  /** Accounts registered before the load; log-ins go round them in turn. */
  accounts: number;
  /** In-process verifications per method and repetition. */
  verifyCount: number;
  /** The whole run is stopped after this long, whatever it is doing. */
  deadlineMs: number;
}

// The ladders are set so that each series reaches the rate where it breaks the limits on a
// two-core machine while the full run stays near five minutes.
export const FULL: Profile = {
  name: 'full',
  timing: {
    warmupMs: 2_000,
    measureMs: 5_000,
    reps: 3,
    timeoutMs: 5_000,
    maxInFlight: 4_000,
    settleMs: 500,
  },
  rates: {
    login: [5, 10, 15, 20],
    refresh: [25, 50, 100, 150],
    me: [100, 200, 400, 600],
    ws: [250, 500, 1000, 1500],
  },
  accounts: 64,
  verifyCount: 20_000,
  deadlineMs: 15 * 60_000,
};

export const QUICK: Profile = {
  name: 'quick',
  timing: {
    warmupMs: 1_000,
    measureMs: 2_000,
    reps: 1,
    timeoutMs: 3_000,
    maxInFlight: 4_000,
    settleMs: 300,
  },
  rates: { login: [10, 30], refresh: [200, 800], me: [500, 2000], ws: [500, 2000] },
  accounts: 32,
  verifyCount: 5_000,
  deadlineMs: 4 * 60_000,
};

export interface Options {
  profile: Profile;
  /** Series to run, plus `verify` for the in-process token check. */
  only: string[];
}

const ALL = [...SERIES, 'verify'];
const USAGE =
  'usage: node --import tsx bench/load-auth.ts [--quick] ' +
  `[--only=${ALL.join(',')}] [--rates=<series>=<rate>,<rate>...]`;

export function parseArgs(argv: string[]): Options {
  const base = argv.includes('--quick') ? QUICK : FULL;
  const profile = { ...base, rates: { ...base.rates } };
  let only = ALL;

  for (const arg of argv) {
    if (arg === '--quick') continue;
    else if (arg.startsWith('--only=')) only = onlyOf(arg.slice('--only='.length));
    else if (arg.startsWith('--rates=')) setRates(profile, arg.slice('--rates='.length));
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { profile, only };
}

function onlyOf(list: string): string[] {
  const names = list.split(',');
  const wrong = names.find((n) => !ALL.includes(n));
  if (wrong !== undefined) throw new Error(`no series named ${wrong}\n${USAGE}`);
  return names;
}

/** `login=5,10,15` replaces the login ladder, e.g. to look closer at one knee. */
function setRates(profile: Profile, spec: string): void {
  const [name, list = ''] = spec.split('=');
  const rates = list.split(',').map(Number);

  if (!(SERIES as readonly string[]).includes(name ?? '')) {
    throw new Error(`no series named ${name}\n${USAGE}`);
  }
  if (rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 100_000)) {
    throw new Error(`rates must be numbers from 1 to 100000: ${list}`);
  }
  profile.rates[name as SeriesKey] = rates;
}
