import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, startCluster, type Cluster } from './cluster.fixture.js';
import { TestSocket } from './ws.fixture.js';

let cluster: Cluster;
let counter = 0;

async function account(): Promise<{ token: string; refreshToken: string; userId: string }> {
  counter += 1;
  const reg = await api(cluster.url(0, '/api/auth/register'), {
    body: { email: `ws${counter}@example.com`, nickname: `Ws ${counter}`, password: 'socket 123' },
  });
  return {
    token: reg.body.tokens.accessToken,
    refreshToken: reg.body.tokens.refreshToken,
    userId: reg.body.user.id,
  };
}

describe('gateway WebSocket', () => {
  before(async () => {
    cluster = await startCluster({ FRAME_RATE: '5', FRAME_BURST: '10', MAX_FRAME_BYTES: '2048' });
  });
  after(() => cluster.stop());

  it('greets with the gateway id and answers pings, echoing the id', async () => {
    const { token, userId } = await account();
    const socket = await TestSocket.open(cluster.gateways[1]!.port, token);

    const hello = await socket.next();
    assert.equal(hello.type, 'hello');
    assert.equal(hello.gatewayId, 'gw-2');
    assert.equal(hello.userId, userId);
    assert.ok(hello.heartbeatMs > 0);

    socket.send({ type: 'ping', id: 'p1' });
    assert.deepEqual(await socket.next(), { type: 'pong', ref: 'p1' });
    socket.close();
  });

  it('answers bad frames with error frames and keeps the connection open', async () => {
    const { token } = await account();
    const socket = await TestSocket.open(cluster.gateways[0]!.port, token);
    await socket.next();

    const bad: Array<[unknown, string]> = [
      ['{not json', 'invalid_frame'],
      [[1, 2], 'invalid_frame'],
      [{ id: 'x' }, 'invalid_frame'],
      [{ type: 'teleport', id: 't1' }, 'unknown_type'],
      [{ type: 'auth', token: 7 }, 'invalid_frame'],
      [{ type: 'ping', pad: 'x'.repeat(3_000) }, 'frame_too_large'],
    ];
    for (const [frame, code] of bad) {
      socket.send(frame);
      const answer = await socket.next();
      assert.equal(answer.type, 'error');
      assert.equal(answer.code, code, JSON.stringify(frame).slice(0, 40));
      assert.equal(typeof answer.message, 'string');
    }
    socket.ws.send(Buffer.from([1, 2, 3]));
    assert.equal((await socket.next()).code, 'invalid_frame');

    socket.send({ type: 'ping', id: 'still-here' });
    assert.equal((await socket.next()).ref, 'still-here');
    socket.close();
  });

  it('rate-limits a flood with error frames while the connection stays open', async () => {
    const { token } = await account();
    const socket = await TestSocket.open(cluster.gateways[0]!.port, token);
    await socket.next();

    for (let i = 0; i < 30; i++) socket.send({ type: 'ping', id: String(i) });
    const answers = await Promise.all(Array.from({ length: 30 }, () => socket.next()));
    const limited = answers.filter((a) => a.code === 'rate_limited');
    assert.ok(answers.filter((a) => a.type === 'pong').length >= 10);
    assert.ok(limited.length >= 15, `only ${limited.length} frames were limited`);
    assert.ok(limited[0].retryAfter >= 0);

    await new Promise((r) => setTimeout(r, 1_000));
    socket.send({ type: 'ping', id: 'after' });
    assert.deepEqual(await socket.next(), { type: 'pong', ref: 'after' });
    socket.close();
  });

  it('takes a refreshed token in an auth frame, and refuses another user`s', async () => {
    const me = await account();
    const other = await account();
    const socket = await TestSocket.open(cluster.gateways[0]!.port, me.token);
    await socket.next();

    const refreshed = await api(cluster.url(1, '/api/auth/refresh'), {
      body: { refreshToken: me.refreshToken },
    });
    socket.send({ type: 'auth', id: 'a1', token: refreshed.body.tokens.accessToken });
    const authed = await socket.next();
    assert.equal(authed.type, 'authed');
    assert.equal(authed.ref, 'a1');

    socket.send({ type: 'auth', id: 'a2', token: other.token });
    const refused = await socket.next();
    assert.equal(refused.code, 'token_invalid');
    socket.close();
  });

  it('closes the connections of a login on every gateway when it logs out', async () => {
    const { token } = await account();
    const onOne = await TestSocket.open(cluster.gateways[0]!.port, token);
    const onTwo = await TestSocket.open(cluster.gateways[1]!.port, token);
    await Promise.all([onOne.next(), onTwo.next()]);

    const started = Date.now();
    await api(cluster.url(0, '/api/auth/logout'), { token, body: {} });

    for (const socket of [onOne, onTwo]) {
      const error = await socket.next();
      assert.equal(error.code, 'token_revoked');
      assert.equal((await socket.closed).code, 4403);
    }
    assert.ok(Date.now() - started < 3_000);
  });

  it('refuses upgrades from foreign origins and accepts the page`s own', async () => {
    const { token } = await account();
    const port = cluster.gateways[0]!.port;

    await assert.rejects(
      TestSocket.open(port, token, { origin: 'https://evil.example' }),
      /Unexpected server response: 403/,
    );
    const own = await TestSocket.open(port, token, { origin: `http://127.0.0.1:${port}` });
    assert.equal((await own.next()).type, 'hello');
    own.close();
  });
});
