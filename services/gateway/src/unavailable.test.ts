import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, eventually, startCluster, type Cluster } from './cluster.fixture.js';
import { TestSocket } from './ws.fixture.js';

let cluster: Cluster;
const body = { email: 'down@example.com', password: 'outage 2024' };

describe('gateway with auth down', () => {
  before(async () => {
    cluster = await startCluster();
    await api(cluster.url(0, '/api/auth/register'), { body: { ...body, nickname: 'Down' } });
  });
  after(() => cluster.stop());

  it('answers 503 service_unavailable, keeps verifying tokens locally, and recovers', async () => {
    const login = await api(cluster.url(0, '/api/auth/login'), { body });
    const token = login.body.tokens.accessToken;

    await cluster.auth.stop();

    const refused = await api(cluster.url(1, '/api/auth/login'), { body });
    assert.equal(refused.status, 503);
    assert.equal(refused.body.error.code, 'service_unavailable');
    assert.match(refused.body.error.message, /auth/);

    // Tokens are checked with keys the gateway already holds: sockets still open.
    const socket = await TestSocket.open(cluster.gateways[1]!.port, token);
    assert.equal((await socket.next()).type, 'hello');
    socket.close();

    await cluster.startAuth();
    await eventually(async () => {
      const again = await api(cluster.url(1, '/api/auth/login'), { body });
      assert.equal(again.status, 200);
    }, 10_000);
  });
});
