import { randomUUID } from 'node:crypto';
import { AppError, type Logger } from '@chat/kit';
import type { Collection } from 'mongodb';
import type { OutboxDoc } from './store.js';

export interface SystemEvent {
  sessionId: string;
  action: string;
  actorId: string;
  targetIds: string[];
  detail: string;
}

/** Writes one system message into its session; throws when the message service refuses. */
export type Append = (eventId: string, event: SystemEvent) => Promise<void>;

export interface OutboxSettings {
  pollMs: number;
  maxBackoffMs: number;
}

/** A refused event is retried this often before it is dropped with an error in the log. */
const MAX_REFUSALS = 10;
const BATCH = 100;

/**
 * System messages waiting for the message service. Each membership change stores its event
 * here, and a loop hands the events to the message service in order, deleting each once it is
 * written. While the message service is away the loop backs off and nothing is lost; every
 * event carries its own id, so a retry after a lost answer, or a second instance draining the
 * same queue, writes it once.
 */
export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private delayMs: number;
  private stopped = false;
  private counter = 0;

  constructor(
    private readonly outbox: Collection<OutboxDoc>,
    private readonly append: Append,
    private readonly settings: OutboxSettings,
    private readonly log: Logger,
  ) {
    this.delayMs = settings.pollMs;
  }

  /** Stores an event and wakes the loop. */
  async enqueue(event: SystemEvent): Promise<void> {
    const now = Date.now();
    this.counter = (this.counter + 1) % 1_000;
    await this.outbox.insertOne({
      _id: randomUUID(),
      ...event,
      createdAtMs: now,
      order: now * 1_000 + this.counter,
      attempts: 0,
    });
    if (this.delayMs === this.settings.pollMs) this.schedule(0);
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops the loop, letting a pass in progress finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((err: unknown) => {
          this.backOff();
          this.log.warn({ err }, 'outbox pass failed');
        })
        .finally(() => {
          this.running = undefined;
          this.schedule(this.delayMs);
        });
    }, ms);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const due = await this.outbox.find({}).sort({ order: 1 }).limit(BATCH).toArray();
    const held = new Set<string>();

    for (const doc of due) {
      if (this.stopped) return;
      // A session's events are written in order: one held back holds back those after it.
      if (held.has(doc.sessionId)) continue;
      const outcome = await this.deliver(doc);
      if (outcome === 'unavailable') {
        this.backOff();
        return;
      }
      if (outcome === 'refused') held.add(doc.sessionId);
    }
    this.delayMs = this.settings.pollMs;
  }

  private async deliver(doc: OutboxDoc): Promise<'written' | 'refused' | 'unavailable'> {
    const { sessionId, action, actorId, targetIds, detail } = doc;
    try {
      await this.append(doc._id, { sessionId, action, actorId, targetIds, detail });
      await this.outbox.deleteOne({ _id: doc._id });
      return 'written';
    } catch (err) {
      // Only a refusal of the event itself (4xx) is worth giving up on; the rest is an outage.
      if (!(err instanceof AppError) || err.status >= 500) return 'unavailable';
      return this.refused(doc, err);
    }
  }

  private async refused(doc: OutboxDoc, err: AppError): Promise<'refused'> {
    if (doc.attempts + 1 >= MAX_REFUSALS) {
      this.log.error({ err, sessionId: doc.sessionId, eventId: doc._id }, 'system event dropped');
      await this.outbox.deleteOne({ _id: doc._id });
    } else {
      await this.outbox.updateOne({ _id: doc._id }, { $inc: { attempts: 1 } });
    }
    return 'refused';
  }

  private backOff(): void {
    this.delayMs = Math.min(this.delayMs * 2, this.settings.maxBackoffMs);
  }
}
