import { UnauthenticatedError, type Logger } from '@chat/kit';
import { errors, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const ISSUER = 'chat-auth';
export const AUDIENCE = 'chat';

/** Who a verified access token speaks for. */
export interface Identity {
  userId: string;
  /** The login the token belongs to; revoking it revokes the token. */
  loginId: string;
  expMs: number;
}

export interface PublicKeyEntry {
  kid: string;
  jwkJson: string;
}

// A token with a kid we do not know may mean auth made a new key; ask for keys at most this often.
const KEY_REFRESH_MIN_MS = 10_000;

/**
 * Verifies access tokens locally, with the public keys auth publishes and the revocations it
 * announces: no call to any service per token.
 */
export class TokenVerifier {
  private keys = new Map<string, CryptoKey>();
  private readonly revoked = new Map<string, number>();
  private lastKeyFetch = 0;

  constructor(
    private readonly fetchKeys: () => Promise<PublicKeyEntry[]>,
    private readonly log: Logger,
  ) {}

  ready(): boolean {
    return this.keys.size > 0;
  }

  async loadKeys(): Promise<void> {
    this.lastKeyFetch = Date.now();
    const entries = await this.fetchKeys();
    const next = new Map<string, CryptoKey>();

    for (const { kid, jwkJson } of entries) {
      next.set(kid, (await importJWK(JSON.parse(jwkJson) as JWK, 'EdDSA')) as CryptoKey);
    }
    this.keys = next;
    this.log.info({ keys: [...next.keys()] }, 'token keys loaded');
  }

  /** Verifies signature, algorithm, issuer, audience, expiry and revocation. */
  async verify(token: string): Promise<Identity> {
    if (token === '') throw new UnauthenticatedError('unauthenticated', 'Log in first.');

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header) => this.keyFor(header.kid), {
        algorithms: ['EdDSA'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'sid'],
      }));
    } catch (err) {
      throw toAuthError(err);
    }

    const identity = {
      userId: String(payload.sub),
      loginId: String(payload['sid']),
      expMs: (payload.exp ?? 0) * 1000,
    };
    this.check(identity);
    return identity;
  }

  /** The per-frame check of an identity verified earlier: not expired, not revoked. */
  check(identity: Identity): void {
    if (identity.expMs <= Date.now()) {
      throw new UnauthenticatedError('token_expired', 'The access token has expired; refresh it.');
    }
    if (this.revoked.has(identity.loginId)) {
      throw new UnauthenticatedError('token_revoked', 'This login was ended; log in again.');
    }
  }

  revoke(loginId: string, expiresAtMs: number): void {
    this.revoked.set(loginId, expiresAtMs);
  }

  /** Forgets revocations whose tokens have all expired anyway. */
  prune(now = Date.now()): void {
    for (const [loginId, exp] of this.revoked) if (exp <= now) this.revoked.delete(loginId);
  }

  private async keyFor(kid: string | undefined): Promise<CryptoKey> {
    let key = kid === undefined ? undefined : this.keys.get(kid);
    if (!key && kid !== undefined && Date.now() - this.lastKeyFetch > KEY_REFRESH_MIN_MS) {
      await this.loadKeys().catch((err: unknown) => this.log.warn({ err }, 'key refresh failed'));
      key = this.keys.get(kid);
    }
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  }
}

function toAuthError(err: unknown): UnauthenticatedError {
  if (err instanceof UnauthenticatedError) return err;
  if (err instanceof errors.JWTExpired) {
    return new UnauthenticatedError('token_expired', 'The access token has expired; refresh it.');
  }
  return new UnauthenticatedError('token_invalid', 'The access token is not valid.', err);
}
