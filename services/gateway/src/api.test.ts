import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, eventually, startCluster, type Cluster } from './cluster.fixture.js';

let cluster: Cluster;
const ada = {
  email: 'ada@example.com',
  nickname: 'Ada',
  password: 'engine 1843',
  gender: 'female',
};

describe('gateway HTTP API', () => {
  before(async () => {
    cluster = await startCluster();
  });
  after(() => cluster.stop());

  it('registers on one gateway and logs in with the same account on the other', async () => {
    const reg = await api(cluster.url(0, '/api/auth/register'), { body: ada });
    assert.equal(reg.status, 201);
    assert.equal(reg.body.user.email, 'ada@example.com');

    const login = await api(cluster.url(1, '/api/auth/login'), {
      body: { email: ada.email, password: ada.password },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.id, reg.body.user.id);

    const me = await api(cluster.url(0, '/api/me'), { token: login.body.tokens.accessToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.nickname, 'Ada');
  });

  it('edits the profile, changes the password and finds users by nickname', async () => {
    const reg = await api(cluster.url(0, '/api/auth/register'), {
      body: { ...ada, email: 'grace@example.com', nickname: 'Grace' },
    });
    const token = reg.body.tokens.accessToken;

    const edit = await api(cluster.url(1, '/api/me'), {
      method: 'PATCH',
      token,
      body: { nickname: 'Grace Hopper' },
    });
    assert.equal(edit.body.user.nickname, 'Grace Hopper');
    assert.equal(edit.body.user.gender, 'female');

    const change = await api(cluster.url(0, '/api/me/password'), {
      token,
      body: { currentPassword: ada.password, newPassword: 'cobol 1959x' },
    });
    assert.equal(change.status, 204);

    const found = await api(cluster.url(1, '/api/users?q=hopp&limit=5'), { token });
    assert.equal(found.status, 200);
    assert.deepEqual(
      found.body.users.map((u: { nickname: string }) => u.nickname),
      ['Grace Hopper'],
    );
    assert.equal(found.body.users[0].email, undefined);
    assert.equal(found.body.nextOffset, null);

    const one = await api(cluster.url(0, `/api/users/${reg.body.user.id}`), { token });
    assert.equal(one.body.user.nickname, 'Grace Hopper');
  });

  it('refreshes tokens and logs out, after which neither token works', async () => {
    const reg = await api(cluster.url(0, '/api/auth/register'), {
      body: { ...ada, email: 'out@example.com' },
    });
    const refreshed = await api(cluster.url(1, '/api/auth/refresh'), {
      body: { refreshToken: reg.body.tokens.refreshToken },
    });
    assert.equal(refreshed.status, 200);
    const token = refreshed.body.tokens.accessToken;

    assert.equal((await api(cluster.url(0, '/api/auth/logout'), { token, body: {} })).status, 204);

    const again = await api(cluster.url(0, '/api/auth/refresh'), {
      body: { refreshToken: refreshed.body.tokens.refreshToken },
    });
    assert.equal(again.body.error.code, 'token_invalid');
    await eventually(async () => {
      const me = await api(cluster.url(1, '/api/me'), { token });
      assert.equal(me.body.error?.code, 'token_revoked');
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, { raw?: string; body?: unknown }, number, string, string?]> = [
      ['malformed JSON', { raw: '{"email": ' }, 400, 'invalid_json'],
      ['a JSON array instead of an object', { raw: '[1,2]' }, 400, 'invalid_json'],
      ['a missing field', { body: { email: 'x@example.com' } }, 400, 'invalid_field', 'nickname'],
      ['a mistyped field', { body: { ...ada, nickname: 42 } }, 400, 'invalid_field', 'nickname'],
      [
        'a $ operator in a field',
        { body: { email: { $ne: null }, password: { $gt: '' } } },
        400,
        'invalid_field',
        'email',
      ],
      [
        'an oversized body',
        { raw: JSON.stringify({ pad: 'x'.repeat(70_000) }) },
        413,
        'body_too_large',
      ],
    ];

    for (const [name, init, status, code, field] of cases) {
      it(`answers ${status} ${code} to ${name}`, async () => {
        const res = await api(cluster.url(0, '/api/auth/register'), init);
        assert.equal(res.status, status);
        assert.equal(res.body.error.code, code);
        assert.equal(typeof res.body.error.message, 'string');
        if (field) assert.equal(res.body.error.field, field);
      });
    }

    it('refuses a $ operator in the login e-mail, so it cannot match every account', async () => {
      const res = await api(cluster.url(0, '/api/auth/login'), {
        body: { email: { $regex: '.*' }, password: ada.password },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.field, 'email');
    });

    it('answers 409 login_taken and 401 invalid_credentials with stable codes', async () => {
      const taken = await api(cluster.url(0, '/api/auth/register'), { body: ada });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'login_taken');

      const wrong = await api(cluster.url(1, '/api/auth/login'), {
        body: { email: ada.email, password: 'not it 1' },
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
    });

    it('answers 404 and 405 for unknown paths and methods, and 400 for bad paging', async () => {
      assert.equal((await api(cluster.url(0, '/api/nothing'))).status, 404);
      assert.equal((await api(cluster.url(0, '/api/me'), { method: 'DELETE' })).status, 405);

      const reg = await api(cluster.url(0, '/api/auth/login'), {
        body: { email: ada.email, password: ada.password },
      });
      const bad = await api(cluster.url(0, '/api/users?q=a&limit=-1'), {
        token: reg.body.tokens.accessToken,
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'limit');
    });
  });

  it('reports health, readiness and Prometheus metrics', async () => {
    assert.equal((await fetch(cluster.url(0, '/healthz'))).status, 200);
    const ready = await api(cluster.url(1, '/readyz'));
    assert.deepEqual(ready.body, { ready: true, checks: { bus: true, keys: true } });

    const metrics = await (await fetch(cluster.url(0, '/metrics'))).text();
    assert.match(metrics, /chat_http_request_duration_seconds_count\{.*status="201"/);
  });
});
