import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { MongoClient } from 'mongodb';
import WebSocket from 'ws';
import { api, startCluster, type Cluster } from './cluster.fixture.js';

let cluster: Cluster;
let good: { token: string; userId: string; loginId: string };
let signingKey: { kid: string; privateJwk: JWK };

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Signs claims with the cluster's real key, so only the claims make a token bad. */
interface Forgery {
  key?: CryptoKey | Uint8Array;
  alg?: string;
  audience?: string;
  expS?: number;
}

/** A token for the test user's login; by default signed with the cluster's real key. */
async function forge({ key, alg = 'EdDSA', audience = 'chat', expS = 600 }: Forgery = {}) {
  return new SignJWT({ sub: good.userId, sid: good.loginId })
    .setProtectedHeader({ alg, kid: signingKey.kid })
    .setIssuer('chat-auth')
    .setAudience(audience)
    .setExpirationTime(Math.floor(Date.now() / 1000) + expS)
    .sign(key ?? (await importJWK(signingKey.privateJwk, 'EdDSA')));
}

describe('gateway token checks', () => {
  before(async () => {
    cluster = await startCluster();
    const reg = await api(cluster.url(0, '/api/auth/register'), {
      body: { email: 'tok@example.com', nickname: 'Tok', password: 'token 12345' },
    });
    const token = reg.body.tokens.accessToken as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    good = { token, userId: claims.sub, loginId: claims.sid };

    const client = await MongoClient.connect(cluster.db.url);
    const doc = await client
      .db(cluster.dbName)
      .collection('keys')
      .findOne({ _id: 'signing' as never });
    signingKey = { kid: doc!['kid'], privateJwk: doc!['privateJwk'] };
    await client.close();
  });
  after(() => cluster.stop());

  it('accepts a real token on both gateways', async () => {
    for (const gw of [0, 1]) {
      assert.equal((await api(cluster.url(gw, '/api/me'), { token: good.token })).status, 200);
    }
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<string> | string, string]> = [
    ['no token at all', () => '', 'unauthenticated'],
    ['garbage', () => 'not.a.jwt', 'token_invalid'],
    ['an expired token', () => forge({ expS: -5 }), 'token_expired'],
    [
      'alg none',
      () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
          sub: good.userId,
          sid: good.loginId,
          iss: 'chat-auth',
          aud: 'chat',
          exp: now() + 600,
        })}.`,
      'token_invalid',
    ],
    [
      'a token signed by another key with the real key id',
      async () => forge({ key: (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey }),
      'token_invalid',
    ],
    [
      'an HS256 token keyed with the public key',
      () => forge({ alg: 'HS256', key: new TextEncoder().encode(String(signingKey.privateJwk.x)) }),
      'token_invalid',
    ],
    [
      'a real token whose claims were edited',
      () => {
        const [h, , s] = good.token.split('.');
        const forged = { sub: 'someone-else', sid: good.loginId, iss: 'chat-auth', aud: 'chat' };
        return `${h}.${b64({ ...forged, exp: now() + 600 })}.${s}`;
      },
      'token_invalid',
    ],
    ['a token for another audience', () => forge({ audience: 'elsewhere' }), 'token_invalid'],
  ];

  for (const [name, make, code] of cases) {
    it(`answers 401 ${code} to ${name}, over HTTP and WebSocket`, async () => {
      const token = await make();
      const res = await api(cluster.url(1, '/api/me'), { token });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, code === 'unauthenticated' ? 'unauthenticated' : code);

      const ws = await wsRefusal(cluster.gateways[0]!.port, token);
      assert.equal(ws.code, 4401);
      assert.equal(ws.error.code, code);
    });
  }
});

/** Opens /ws with the token and returns the error frame and close code it is refused with. */
function wsRefusal(port: number, token: string): Promise<{ code: number; error: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`);
    let error: unknown;
    ws.on('message', (data) => (error = JSON.parse(String(data))));
    ws.on('close', (code) => resolve({ code, error }));
    ws.on('error', reject);
    setTimeout(() => reject(new Error('socket neither refused nor closed')), 5_000);
  });
}
