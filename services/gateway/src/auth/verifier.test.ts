import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, type AppError } from '@chat/kit';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { AUDIENCE, ISSUER, TokenVerifier } from './verifier.js';

const log = createLogger('test', 'silent');

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { kid, privateKey, jwkJson: JSON.stringify(await exportJWK(publicKey)) };
}

function sign(key: CryptoKey, kid: string, claims: Record<string, unknown>, expS = 600) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime(Math.floor(Date.now() / 1000) + expS)
    .sign(key);
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: AppError) => e.code,
  );

describe('TokenVerifier', () => {
  it('verifies a token and refuses it once its login is revoked, until the entry expires', async () => {
    const k = await keyPair('k1');
    const verifier = new TokenVerifier(async () => [k], log);
    await verifier.loadKeys();

    const token = await sign(k.privateKey, 'k1', { sub: 'u1', sid: 'login-1' });
    assert.deepEqual((await verifier.verify(token)).loginId, 'login-1');

    verifier.revoke('login-1', Date.now() + 1_000);
    assert.equal(await codeOf(verifier.verify(token)), 'token_revoked');
    verifier.prune(Date.now() + 2_000);
    assert.equal(await codeOf(verifier.verify(token)), 'ok');
  });

  it('refuses a token without the login claim', async () => {
    const k = await keyPair('k1');
    const verifier = new TokenVerifier(async () => [k], log);
    await verifier.loadKeys();

    assert.equal(
      await codeOf(verifier.verify(await sign(k.privateKey, 'k1', { sub: 'u1' }))),
      'token_invalid',
    );
  });

  it('fetches keys again for an unknown key id, but not more than once in ten seconds', async () => {
    const old = await keyPair('old');
    const next = await keyPair('new');
    let published = [old];
    let fetches = 0;
    const verifier = new TokenVerifier(async () => {
      fetches += 1;
      return published;
    }, log);
    await verifier.loadKeys();

    const token = await sign(next.privateKey, 'new', { sub: 'u1', sid: 's' });
    assert.equal(await codeOf(verifier.verify(token)), 'token_invalid');
    assert.equal(fetches, 1, 'a fetch right after loading is throttled');

    (verifier as unknown as { lastKeyFetch: number }).lastKeyFetch = 0;
    published = [old, next];
    assert.equal(await codeOf(verifier.verify(token)), 'ok');
    assert.equal(fetches, 2);
  });

  it('says token_expired for a token past its expiry', async () => {
    const k = await keyPair('k1');
    const verifier = new TokenVerifier(async () => [k], log);
    await verifier.loadKeys();

    const token = await sign(k.privateKey, 'k1', { sub: 'u1', sid: 's' }, -10);
    assert.equal(await codeOf(verifier.verify(token)), 'token_expired');
  });
});
