import { JSONCodec } from 'nats';
import {
  implement,
  startRuntime,
  subjects,
  type ConfigOf,
  type Logger,
  type Runtime,
} from '@chat/kit';
import { AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import { Accounts } from './accounts.js';
import type { authSchema } from './config.js';
import { authHandlers } from './handlers.js';
import { loadSigner } from './keys.js';
import { Logins, type Revocation } from './logins.js';
import { AttemptLimiter } from './ratelimit.js';
import { authIndexes, openStore } from './store.js';
import { Users } from './users.js';

/** Subject on which every gateway hears that a login was revoked. */
export const REVOKED_SUBJECT = subjects.revoked;

export type AuthConfig = ConfigOf<typeof authSchema>;

/** Starts the auth service; `main.ts` and the integration tests both call this. */
export async function startAuth(config: AuthConfig, log: Logger): Promise<Runtime> {
  let pruneTimer: NodeJS.Timeout | undefined;

  const runtime = await startRuntime({
    name: 'auth',
    config,
    log,
    indexes: authIndexes,
    build: async ({ bus, database, metrics }) => {
      const store = openStore(database.db);
      const codec = JSONCodec<Revocation>();
      const announce = (r: Revocation) => bus.nc.publish(REVOKED_SUBJECT, codec.encode(r));

      const users = new Users(store.users, config.SCRYPT_COST);
      const signer = await loadSigner(store.keys);
      const settings = { accessTtlS: config.ACCESS_TTL_S, refreshTtlS: config.REFRESH_TTL_S };
      const logins = new Logins(store.logins, store.revocations, signer, settings, announce);
      const limiter = new AttemptLimiter(store.attempts, config.LOGIN_WINDOW_S);
      const limits = {
        accountLimit: config.LOGIN_ACCOUNT_LIMIT,
        addressLimit: config.LOGIN_ADDRESS_LIMIT,
        scryptCost: config.SCRYPT_COST,
      };
      const accounts = new Accounts(users, logins, limiter, limits, log);

      pruneTimer = setInterval(() => {
        Promise.all([logins.prune(), limiter.prune()]).catch((err: unknown) =>
          log.warn({ err }, 'prune failed'),
        );
      }, 60_000);
      pruneTimer.unref();

      const handlers = authHandlers({ accounts, users, logins, signer });
      return [[AuthServiceService, implement(AuthServiceService, handlers, log, metrics)]];
    },
  });

  return {
    ...runtime,
    stop: async () => {
      clearInterval(pruneTimer);
      await runtime.stop();
    },
  };
}
