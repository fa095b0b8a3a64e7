import { MongoClient, type Db, type IndexDescription } from 'mongodb';
import type { Logger } from './log.js';

export interface CollectionIndexes {
  collection: string;
  indexes: IndexDescription[];
}

export interface Database {
  client: MongoClient;
  db: Db;
  /** Resolves true when the server answers a ping within a second. */
  ping(): Promise<boolean>;
}

/**
 * Connects to MongoDB (or FerretDB), retrying until `timeoutMs` passes (by default for as long
 * as it takes: the service reports not ready meanwhile), then creates the indexes it declares.
 * Index creation is idempotent, so every instance may run it.
 */
export async function connectDatabase(
  url: string,
  name: string,
  indexes: CollectionIndexes[],
  log: Logger,
  timeoutMs = Number.POSITIVE_INFINITY,
): Promise<Database> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 3_000,
    appName: name,
  });
  await connectWithRetry(client, log, timeoutMs);

  const db = client.db(name);
  // One index per command: FerretDB 1.24 drops the connection when a createIndexes command
  // names several indexes that all exist already, which is every start after the first.
  for (const { collection, indexes: specs } of indexes) {
    for (const spec of specs) await db.collection(collection).createIndexes([spec]);
  }
  log.info({ db: name }, 'database connected');

  const ping = async (): Promise<boolean> => {
    try {
      await db.command({ ping: 1 }, { timeoutMS: 1_000 });
      return true;
    } catch {
      return false;
    }
  };
  return { client, db, ping };
}

async function connectWithRetry(client: MongoClient, log: Logger, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    try {
      await client.connect();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      log.warn({ err }, 'database not reachable yet, retrying');
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** True when the error is a duplicate-key violation of a unique index. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Runs an upsert once more when it lost a race: two upserts of a key that does not exist yet
 * both try to insert it, and the loser fails with a duplicate key error. Run again, it updates
 * the document the winner made.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return upsert();
  }
}
