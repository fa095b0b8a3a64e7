// Load test of the message service: durable sends over the bus (spread over many sessions, all
// to one session, and sent again), history and sync pages over gRPC, offered open-loop at
// stepped rates, beside the database driver doing the same insert or query alone; and Latest,
// one call at a time. NATS, the database, session (asked for memberships) and message each run
// as their own process.
// Usage: node --import tsx bench/load-message.ts [--quick] [--only=...] [--rates=<series>=<r>,...]
import { createClient } from '@chat/kit';
import { MessageServiceClient, MessageServiceService } from '@chat/proto/chat/message/v1/message';
import { SessionServiceClient, SessionServiceService } from '@chat/proto/chat/session/v1/session';
import { DriverBaseline } from './lib/baseline.js';
import { BusSender, textSend } from './lib/bus-send.js';
import { waitIdle, withoutLoad } from './lib/idle.js';
import {
  comparisonsOf,
  printMessageReport,
  type MessageMeasured,
  type StoreProbe,
} from './lib/message-report.js';
import { seedMessages, type MessageFixture, type MessageSizes } from './lib/message-seed.js';
import { messageSeries, type MessageCalls } from './lib/message-series.js';
import { check } from './lib/openloop.js';
import { countDocuments, oneAtATime } from './lib/probe.js';
import type { Ladders, Options, Profile } from './lib/profiles.js';
import { runLoadTest, runSelected, say } from './lib/program.js';
import type { RunContext } from './lib/series.js';
import type { Stack } from './lib/stack.js';

const PROBE_SENDS = 10;
// Latest looks up each session on its own; on FerretDB each lookup scans every message.
const PROBE_LATEST = 3;
const LATEST_DEADLINE_MS = 30_000;
// Seeding sends a few hundred messages; the session service follows each with two updates.
const SEED_DRAIN_MS = 90_000;

const SERIES = [
  'history',
  'driver-find',
  'sync',
  'resend',
  'send',
  'driver-insert',
  'hot',
] as const;
type SeriesKey = (typeof SERIES)[number];

interface MessageProfile extends Profile<SeriesKey> {
  sizes: MessageSizes;
}

// Small on purpose: on FerretDB a send costs in proportion to the messages already stored.
const SIZES: MessageSizes = {
  spreadSessions: 100,
  historySessions: 4,
  historyLength: 60,
  latestSessions: 50,
};

// A pipeline series and its baseline share a ladder, so that every step has its pair; the
// driver's goes on further, to show how far the store itself gets.
const SEND_RATES = [5, 10, 20];
const PAGE_RATES = [10, 20, 40];

const LADDERS: Ladders<SeriesKey, MessageProfile> = {
  program: 'bench/load-message.ts',
  series: SERIES,
  full: {
    name: 'full',
    timing: {
      warmupMs: 1_000,
      measureMs: 3_000,
      reps: 3,
      timeoutMs: 5_000,
      maxInFlight: 4_000,
      drainMaxMs: 20_000,
      quietMaxMs: 10_000,
    },
    rates: {
      history: PAGE_RATES,
      'driver-find': PAGE_RATES,
      sync: PAGE_RATES,
      resend: [20, 40, 80],
      send: SEND_RATES,
      'driver-insert': [...SEND_RATES, 200],
      hot: SEND_RATES,
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
      drainMaxMs: 10_000,
      quietMaxMs: 2_000,
    },
    rates: {
      history: [5, 20],
      'driver-find': [5, 20],
      sync: [5, 20],
      resend: [10, 40],
      send: [5, 20],
      'driver-insert': [5, 20],
      hot: [5, 20],
    },
    sizes: SIZES,
    deadlineMs: 5 * 60_000,
  },
};

async function measure(
  s: Stack,
  opts: Options<MessageProfile>,
  ctx: RunContext,
): Promise<MessageMeasured> {
  const { profile, only } = opts;
  const timeoutMs = profile.timing.timeoutMs;
  const sessions = createClient(
    SessionServiceClient,
    SessionServiceService,
    s.addrs.session,
    'session',
  );
  const messages = createClient(
    MessageServiceClient,
    MessageServiceService,
    s.addrs.message,
    'message',
    timeoutMs,
  );
  const bus = await BusSender.connect(s.natsUrl);
  const driver = await DriverBaseline.open(s.mongo.url, s.mongo.db.message);

  try {
    say(`seeding: ${describeSizes(profile.sizes)}...`);
    const fixture = await seedMessages(sessions.call, bus, profile.sizes);
    const seedDrainS = await waitIdle(withoutLoad(ctx.pids), SEED_DRAIN_MS);
    say(`seeded; the servers were busy ${seedDrainS} s more with what it queued`);

    const stored = () => countDocuments({ url: s.mongo.url, db: s.mongo.db.message }, 'messages');
    const probe = async (tag: string) => ({
      send: await probeSend(stored, bus, fixture, tag, timeoutMs),
      latest: await probeLatest(stored, messages.call, fixture),
    });
    const probes = [await probe('p1')];
    const specs = messageSeries({ bus, calls: messages.call, driver, fixture, timeoutMs });
    const series = await runSelected(specs, profile.rates, only, ctx, stored);
    probes.push(await probe('p2'));

    return {
      sizes: profile.sizes,
      writeConcern: driver.writeConcern,
      seedDrainS,
      series,
      comparisons: comparisonsOf(series),
      sendProbes: probes.map((p) => p.send),
      latestProbes: probes.map((p) => p.latest),
    };
  } finally {
    await bus.close().catch(() => undefined);
    await driver.close();
    sessions.client.close();
    messages.client.close();
  }
}

/** Sends one at a time to the spread sessions, against the messages stored. */
async function probeSend(
  stored: () => Promise<number>,
  bus: BusSender,
  f: MessageFixture,
  tag: string,
  timeoutMs: number,
): Promise<StoreProbe> {
  const messages = await stored();
  let k = 0;
  const timed = await oneAtATime(PROBE_SENDS, async () => {
    const { sessionId, senderId } = f.spread[k % f.spread.length]!;
    const n = k++;
    await bus.send(textSend(sessionId, senderId, `${f.run}-${tag}-${n}`, `probe ${n}`), timeoutMs);
  });
  say(`send probe: ${messages} messages stored, one at a time p50 ${timed.p50Ms} ms`);
  return { messages, ...timed };
}

/** Latest of a session list's page of sessions, one call at a time. */
async function probeLatest(
  stored: () => Promise<number>,
  calls: MessageCalls,
  f: MessageFixture,
): Promise<StoreProbe> {
  const messages = await stored();
  const sessionIds = f.spread.slice(0, f.sizes.latestSessions).map((c) => c.sessionId);
  const timed = await oneAtATime(PROBE_LATEST, async () => {
    const reply = await calls.latest({ sessionIds }, { deadlineMs: LATEST_DEADLINE_MS });
    check(reply.messages.length === sessionIds.length, 'short_answer');
  });
  say(`latest probe: ${messages} messages stored, one at a time p50 ${timed.p50Ms} ms`);
  return { messages, ...timed };
}

function describeSizes(z: MessageSizes): string {
  return (
    `${z.spreadSessions} sessions to spread sends over, a hot session, ` +
    `${z.historySessions} sessions of ${z.historyLength} messages`
  );
}

await runLoadTest({
  tool: 'load-message',
  ladders: LADDERS,
  plan: { label: 'message', services: ['message', 'session'] },
  config: {},
  measure,
  print: printMessageReport,
});
