import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { UnauthenticatedError, upsertRacing } from '@chat/kit';
import type { Collection } from 'mongodb';
import type { Signer } from './keys.js';
import type { LoginDoc, RevocationDoc } from './store.js';

export interface TokenPair {
  accessToken: string;
  accessExpiresAtMs: number;
  refreshToken: string;
  refreshExpiresAtMs: number;
}

export interface Revocation {
  loginId: string;
  expiresAtMs: number;
}

export interface LoginSettings {
  accessTtlS: number;
  refreshTtlS: number;
}

/**
 * Logins and their tokens. An access token is a signed JWT whose `sid` names its login; the
 * refresh token is random, stored only as a hash, and replaced at every refresh.
 */
export class Logins {
  constructor(
    private readonly logins: Collection<LoginDoc>,
    private readonly revocations: Collection<RevocationDoc>,
    private readonly signer: Signer,
    private readonly settings: LoginSettings,
    private readonly announce: (revocation: Revocation) => void,
  ) {}

  async open(userId: string, address: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const login: LoginDoc = {
      _id: randomUUID(),
      userId,
      refreshHash: sha256(refreshToken),
      previousRefreshHash: null,
      refreshExpiresAt: new Date(Date.now() + this.settings.refreshTtlS * 1000),
      createdAt: new Date(),
      revokedAt: null,
      address,
    };
    await this.logins.insertOne(login);
    return this.pair(login, refreshToken);
  }

  /** Replaces the refresh token; a replaced one presented again revokes the whole login. */
  async refresh(refreshToken: string): Promise<{ userId: string; tokens: TokenPair }> {
    const oldHash = sha256(refreshToken);
    const next = randomBytes(32).toString('base64url');

    const login = await this.logins.findOneAndUpdate(
      { refreshHash: oldHash, revokedAt: null, refreshExpiresAt: { $gt: new Date() } },
      { $set: { refreshHash: sha256(next), previousRefreshHash: oldHash } },
      { returnDocument: 'after' },
    );
    if (login) return { userId: login.userId, tokens: await this.pair(login, next) };

    const replayed = await this.logins.findOne({ previousRefreshHash: oldHash, revokedAt: null });
    if (replayed) await this.revoke(replayed._id);
    throw new UnauthenticatedError(
      'token_invalid',
      'The refresh token is not valid; log in again.',
    );
  }

  async revoke(loginId: string): Promise<void> {
    const revokedAt = new Date();
    await this.logins.updateOne({ _id: loginId, revokedAt: null }, { $set: { revokedAt } });

    const expiresAt = new Date(revokedAt.getTime() + this.settings.accessTtlS * 1000);
    // Two revocations of one login at once (a double logout) both try to insert it.
    await upsertRacing(() =>
      this.revocations.updateOne({ _id: loginId }, { $set: { expiresAt } }, { upsert: true }),
    );
    this.announce({ loginId, expiresAtMs: expiresAt.getTime() });
  }

  /** Revokes every open login of the user except `keep`. */
  async revokeOthers(userId: string, keep: string): Promise<void> {
    const open = await this.logins
      .find({ userId, revokedAt: null, _id: { $ne: keep } }, { projection: { _id: 1 } })
      .toArray();
    for (const { _id } of open) await this.revoke(_id);
  }

  async listRevocations(): Promise<Revocation[]> {
    const docs = await this.revocations.find({ expiresAt: { $gt: new Date() } }).toArray();
    return docs.map((d) => ({ loginId: d._id, expiresAtMs: d.expiresAt.getTime() }));
  }

  async prune(): Promise<void> {
    await this.revocations.deleteMany({ expiresAt: { $lte: new Date() } });
  }

  private async pair(login: LoginDoc, refreshToken: string): Promise<TokenPair> {
    const access = await this.signer.sign(login.userId, login._id, this.settings.accessTtlS);
    return {
      accessToken: access.token,
      accessExpiresAtMs: access.expMs,
      refreshToken,
      refreshExpiresAtMs: login.refreshExpiresAt.getTime(),
    };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
