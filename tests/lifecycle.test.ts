import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import { serviceEnv, spawnService, waitReady } from './processes.fixture.js';

let nats: RunningServer;
let db: RunningServer;

describe('every service as a process', () => {
  before(async () => {
    [nats, db] = await Promise.all([startNats(), startDatabase()]);
  });
  after(async () => {
    await Promise.all([nats.stop(), db.stop()]);
  });

  for (const name of ['auth', 'session', 'message', 'push', 'files']) {
    it(`${name} starts, logs one start-up line, reports ready and stops cleanly on SIGTERM`, async () => {
      const { env, opsUrl } = await serviceEnv(nats.url, db.url, uniqueDbName(name));
      const proc = spawnService(name, env, opsUrl);
      await waitReady(proc);

      const started = proc
        .output()
        .split('\n')
        .filter((l) => l.includes('"service started"'));
      assert.equal(started.length, 1);
      const line = JSON.parse(started[0]!);
      assert.equal(line.service, name);
      assert.ok(line.version && line.pid && line.grpc && line.ops);

      const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
      assert.match(metrics, /process_cpu_user_seconds_total\{service="/);

      proc.child.kill('SIGTERM');
      assert.equal(await proc.exited, 0);
      assert.match(proc.output(), /"msg":"stopped"/);
    });
  }

  it('a gateway starts without auth, reports not ready until it has token keys, and stops', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      NATS_URL: nats.url,
      AUTH_ADDR: `127.0.0.1:${await freePort()}`,
      PORT: String(port),
    };
    const proc = spawnService('gateway', { ...env, WEB_DIR: '' }, url);

    let ready: { status: number; body: any } | undefined;
    for (let i = 0; i < 100 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${url}/readyz`).catch(() => undefined);
      if (res) ready = { status: res.status, body: await res.json() };
    }
    assert.equal(ready?.status, 503);
    assert.deepEqual(ready?.body.checks, { bus: true, keys: false });
    assert.equal((await fetch(`${url}/healthz`)).status, 200);

    proc.child.kill('SIGTERM');
    assert.equal(await proc.exited, 0);
  });

  it('refuses an invalid setting with a message that names the variable', async () => {
    const { env, opsUrl } = await serviceEnv(nats.url, db.url, 'unused');
    const proc = spawnService('auth', { ...env, SCRYPT_COST: 'lots' }, opsUrl);

    assert.equal(await proc.exited, 2);
    assert.match(proc.output(), /SCRYPT_COST: invalid value "lots": expected an integer/);
  });

  it('reports not ready while the database is unreachable', async () => {
    const { env, opsUrl } = await serviceEnv(nats.url, 'mongodb://127.0.0.1:1', 'unused');
    const proc = spawnService('session', env, opsUrl);

    let answer: { status: number; body: any } | undefined;
    for (let i = 0; i < 100 && !answer; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${opsUrl}/readyz`).catch(() => undefined);
      if (res) answer = { status: res.status, body: await res.json() };
    }
    assert.equal(answer?.status, 503);
    assert.equal(answer?.body.checks.database, false);
    assert.equal(proc.child.exitCode, null, 'a missing database must not crash the service');

    proc.child.kill('SIGTERM');
    assert.equal(await proc.exited, 0);
  });
});
