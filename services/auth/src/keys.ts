import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from 'jose';
import type { Collection } from 'mongodb';

export const ISSUER = 'chat-auth';
export const AUDIENCE = 'chat';
const ALG = 'EdDSA';

interface KeyDoc {
  _id: string;
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: Date;
}

export interface Signer {
  kid: string;
  publicJwk: JWK;
  /** Signs an access token for the user's login, valid for `ttlS` seconds. */
  sign(userId: string, loginId: string, ttlS: number): Promise<{ token: string; expMs: number }>;
}

/**
 * Loads the cluster's signing key, creating it on first start. Every auth instance races to
 * insert the same document; whichever wins, all read back the one that is stored.
 *
 * Limitation: the private key is stored in the database unencrypted and never rotated; anyone
 * who can read the auth database can mint tokens. Rotation needs a second active key period.
 */
export async function loadSigner(keys: Collection<KeyDoc>): Promise<Signer> {
  const candidate = await newKeyDoc();
  await keys.updateOne({ _id: 'signing' }, { $setOnInsert: candidate }, { upsert: true });

  const doc = await keys.findOne({ _id: 'signing' });
  if (!doc) throw new Error('signing key vanished after upsert');

  const privateKey = (await importJWK(doc.privateJwk, ALG)) as CryptoKey;
  return {
    kid: doc.kid,
    publicJwk: doc.publicJwk,
    sign: async (userId, loginId, ttlS) => {
      const nowS = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ sid: loginId })
        .setProtectedHeader({ alg: ALG, kid: doc.kid, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + ttlS)
        .sign(privateKey);
      return { token, expMs: (nowS + ttlS) * 1000 };
    },
  };
}

async function newKeyDoc(): Promise<Omit<KeyDoc, '_id'>> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, {
    crv: 'Ed25519',
    extractable: true,
  });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
  return { kid, privateJwk, publicJwk, createdAt: new Date() };
}

export type { KeyDoc };
