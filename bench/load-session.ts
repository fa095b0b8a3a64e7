// Load test of the session service's gRPC API, called directly: membership checks, session
// lists, member lists, read marks, private sessions, groups and joins, offered open-loop at
// stepped rates. NATS, the database, session and message (where system messages go) each run
// as their own process.
// Usage: node --import tsx bench/load-session.ts [--quick] [--only=...] [--rates=<series>=<r>,...]
import { createClient } from '@chat/kit';
import { SessionServiceClient, SessionServiceService } from '@chat/proto/chat/session/v1/session';
import { waitIdle, withoutLoad } from './lib/idle.js';
import { countDocuments, oneAtATime } from './lib/probe.js';
import type { Ladders, Options, Profile } from './lib/profiles.js';
import { runLoadTest, runSelected, say } from './lib/program.js';
import type { RunContext } from './lib/series.js';
import { printSessionReport, type ListProbe, type SessionMeasured } from './lib/session-report.js';
import { seedSessions, type SessionCalls, type SessionSizes } from './lib/session-seed.js';
import { sessionSeries } from './lib/session-series.js';
import type { Stack } from './lib/stack.js';

// Joins go into a few public groups; the default cap of 500 members would refuse them.
const SESSION_ENV = { MAX_GROUP_MEMBERS: '100000' };
// Each ListJoined call reads every membership and asks the message service for 50 lookups.
const PROBE_CALLS = 5;
// Seeding queues a system message per group; they are written before the load starts.
const SEED_DRAIN_MS = 60_000;

const SERIES = [
  'membership',
  'get',
  'list',
  'members',
  'read',
  'reopen',
  'open',
  'create',
  'join',
] as const;
type SeriesKey = (typeof SERIES)[number];

interface SessionProfile extends Profile<SeriesKey> {
  sizes: SessionSizes;
}

const SIZES: SessionSizes = {
  listers: 4,
  listSessions: 50,
  groupMembers: 10,
  bigGroupMembers: 100,
  publicGroups: 20,
  privatePairs: 200,
};

const LADDERS: Ladders<SeriesKey, SessionProfile> = {
  program: 'bench/load-session.ts',
  series: SERIES,
  full: {
    name: 'full',
    timing: {
      warmupMs: 1_000,
      measureMs: 3_000,
      reps: 3,
      timeoutMs: 5_000,
      maxInFlight: 4_000,
      drainMaxMs: 30_000,
      quietMaxMs: 10_000,
    },
    rates: {
      membership: [100, 200, 400],
      get: [100, 200, 400],
      list: [1, 2, 3],
      members: [5, 10, 20],
      read: [25, 50, 100],
      reopen: [50, 100, 200],
      open: [10, 25, 50],
      create: [2, 5, 10],
      join: [1, 2, 4],
    },
    sizes: SIZES,
    deadlineMs: 20 * 60_000,
  },
  quick: {
    name: 'quick',
    timing: {
      warmupMs: 500,
      measureMs: 2_000,
      reps: 1,
      timeoutMs: 3_000,
      maxInFlight: 4_000,
      drainMaxMs: 5_000,
      quietMaxMs: 2_000,
    },
    rates: {
      membership: [100, 400],
      get: [100, 400],
      list: [1, 3],
      members: [5, 20],
      read: [25, 100],
      reopen: [50, 200],
      open: [10, 50],
      create: [2, 10],
      join: [1, 4],
    },
    sizes: SIZES,
    deadlineMs: 4 * 60_000,
  },
};

async function measure(
  s: Stack,
  opts: Options<SessionProfile>,
  ctx: RunContext,
): Promise<SessionMeasured> {
  const { profile, only } = opts;
  const { client, call } = createClient(
    SessionServiceClient,
    SessionServiceService,
    s.addrs.session,
    'session',
    profile.timing.timeoutMs,
  );

  try {
    say(`seeding: ${describeSizes(profile.sizes)}...`);
    const fixture = await seedSessions(call, profile.sizes);
    const seedDrainS = await waitIdle(withoutLoad(ctx.pids), SEED_DRAIN_MS);
    say(`seeded; the servers were busy ${seedDrainS} s more with its system messages`);

    const stored = () =>
      countDocuments({ url: s.mongo.url, db: s.mongo.db.session }, 'memberships');
    const probes = [await probeList(stored, call, fixture.listers[0]!)];
    const specs = sessionSeries(call, fixture, profile.timing.timeoutMs);
    const series = await runSelected(specs, profile.rates, only, ctx, stored);
    probes.push(await probeList(stored, call, fixture.listers[0]!));

    return { sizes: profile.sizes, seedDrainS, series, listProbes: probes };
  } finally {
    client.close();
  }
}

/** ListJoined one call at a time, against the memberships stored (every write adds some). */
async function probeList(
  stored: () => Promise<number>,
  call: SessionCalls,
  lister: string,
): Promise<ListProbe> {
  const memberships = await stored();
  const timed = await oneAtATime(PROBE_CALLS, async () => {
    await call.listJoined({ userId: lister, offset: 0, limit: 0 });
  });
  say(`list probe: ${memberships} memberships stored, one at a time p50 ${timed.p50Ms} ms`);
  return { memberships, ...timed };
}

function describeSizes(z: SessionSizes): string {
  return (
    `${z.listSessions} groups of ${z.groupMembers} holding ${z.listers} listers, ` +
    `a group of ${z.bigGroupMembers}, ${z.publicGroups} public groups, ` +
    `${z.privatePairs} private sessions`
  );
}

await runLoadTest({
  tool: 'load-session',
  ladders: LADDERS,
  plan: {
    label: 'session',
    services: ['session', 'message'],
    env: { session: SESSION_ENV },
  },
  config: { ...SESSION_ENV },
  measure,
  print: printSessionReport,
});
