import { subjects, type AsyncClient, type Bus, type Logger } from '@chat/kit';
import type { AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import { JSONCodec } from 'nats';
import type { TokenVerifier } from './verifier.js';

export const REVOKED_SUBJECT = subjects.revoked;

interface Revocation {
  loginId: string;
  expiresAtMs: number;
}

/**
 * Keeps the verifier's revocation list current: live from the bus, and from auth's list at
 * start and after every bus reconnect (announcements sent while away are not replayed).
 * `onRevoked` is told of each live revocation, so open connections of that login can close.
 */
export async function followRevocations(
  bus: Bus,
  auth: AsyncClient<typeof AuthServiceService>,
  verifier: TokenVerifier,
  onRevoked: (loginId: string) => void,
  log: Logger,
): Promise<() => void> {
  const codec = JSONCodec<Revocation>();
  const sub = bus.nc.subscribe(REVOKED_SUBJECT, {
    callback: (err, msg) => {
      if (err) return log.warn({ err, subject: REVOKED_SUBJECT }, 'revocation feed error');
      try {
        const r = codec.decode(msg.data);
        verifier.revoke(r.loginId, r.expiresAtMs);
        onRevoked(r.loginId);
      } catch (e) {
        log.warn({ err: e, subject: REVOKED_SUBJECT }, 'malformed revocation ignored');
      }
    },
  });

  let retry: NodeJS.Timeout | undefined;
  const sync = async () => {
    clearTimeout(retry);
    try {
      const { revocations } = await auth.listRevocations({});
      for (const r of revocations) verifier.revoke(r.loginId, r.expiresAtMs);
    } catch (err) {
      // Until the list arrives, only live announcements are known: keep asking.
      log.warn({ reason: (err as Error).message }, 'revocation list unavailable, retrying');
      retry = setTimeout(() => void sync(), 5_000);
      retry.unref();
    }
  };
  await sync();
  bus.onReconnect(() => void sync());

  const prune = setInterval(() => verifier.prune(), 60_000);
  prune.unref();
  return () => {
    clearTimeout(retry);
    clearInterval(prune);
    sub.unsubscribe();
  };
}
