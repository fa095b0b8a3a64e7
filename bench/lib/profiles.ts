import type { Timing } from './series.js';

/** How long and how hard a run is; each load test adds what else it needs (accounts, sizes). */
export interface Profile<K extends string = string> {
  name: 'full' | 'quick';
  timing: Timing;
  /** Offered rates per series, lowest first; a series stops at its first step over the limits. */
  rates: Record<K, number[]>;
  /** The whole run is stopped after this long, whatever it is doing. */
  deadlineMs: number;
}

/** The two profiles of a load test and the names its `--only` and `--rates` accept. */
export interface Ladders<K extends string, P extends Profile<K>> {
  /** The program, for the usage line: `bench/load-auth.ts`. */
  program: string;
  series: readonly K[];
  /** Parts of the run that are not series, e.g. `verify`; `--only` accepts them too. */
  extras?: readonly string[];
  full: P;
  quick: P;
}

export interface Options<P> {
  profile: P;
  /** Series and extras to run, in the order the program runs them. */
  only: string[];
}

/** `--quick`, `--only=a,b` and `--rates=<series>=<rate>,...` over the full profile. */
export function parseArgs<K extends string, P extends Profile<K>>(
  argv: string[],
  ladders: Ladders<K, P>,
): Options<P> {
  const all = [...ladders.series, ...(ladders.extras ?? [])];
  const usage =
    `usage: node --import tsx ${ladders.program} [--quick] ` +
    `[--only=${all.join(',')}] [--rates=<series>=<rate>,<rate>...]`;
  const base = argv.includes('--quick') ? ladders.quick : ladders.full;
  const profile: P = { ...base, rates: { ...base.rates } };
  let only = all;

  for (const arg of argv) {
    if (arg === '--quick') continue;
    else if (arg.startsWith('--only=')) only = onlyOf(arg.slice('--only='.length), all, usage);
    else if (arg.startsWith('--rates=')) setRates(profile, arg.slice(8), ladders.series, usage);
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  return { profile, only };
}

function onlyOf(list: string, all: string[], usage: string): string[] {
  const names = list.split(',');
  const wrong = names.find((n) => !all.includes(n));
  if (wrong !== undefined) throw new Error(`no series named ${wrong}\n${usage}`);
  return names;
}

/** `login=5,10,15` replaces the login ladder, e.g. to look closer at one knee. */
function setRates<K extends string>(
  profile: Profile<K>,
  spec: string,
  series: readonly K[],
  usage: string,
): void {
  const [name = '', list = ''] = spec.split('=');
  const rates = list.split(',').map(Number);

  if (!(series as readonly string[]).includes(name)) {
    throw new Error(`no series named ${name}\n${usage}`);
  }
  if (rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 100_000)) {
    throw new Error(`rates must be numbers from 1 to 100000: ${list}`);
  }
  profile.rates[name as K] = rates;
}
