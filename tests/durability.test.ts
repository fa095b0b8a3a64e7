import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import WebSocket from 'ws';
import { serviceEnv, spawnService, waitReady, type ServiceProcess } from './processes.fixture.js';

let nats: RunningServer;
let db: RunningServer;
const procs: ServiceProcess[] = [];
let messageEnv: Record<string, string>;
let messageOps: string;
let gateway: string;

async function start(name: string, env: Record<string, string>, ops: string) {
  const proc = spawnService(name, env, ops);
  procs.push(proc);
  await waitReady(proc);
  return proc;
}

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${gateway}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return (await res.json()) as any;
}

describe('a message acknowledged to its sender', () => {
  before(async () => {
    [nats, db] = await Promise.all([startNats(), startDatabase()]);
    const auth = await serviceEnv(nats.url, db.url, uniqueDbName('d_auth'));
    const session = await serviceEnv(nats.url, db.url, uniqueDbName('d_session'));
    const message = await serviceEnv(nats.url, db.url, uniqueDbName('d_message'));
    messageEnv = { ...message.env, SESSION_ADDR: session.grpc };
    messageOps = message.opsUrl;

    await start('auth', { ...auth.env, SCRYPT_COST: '1024' }, auth.opsUrl);
    await start('session', { ...session.env, MESSAGE_ADDR: message.grpc }, session.opsUrl);
    await start('message', messageEnv, messageOps);

    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    const env = {
      NATS_URL: nats.url,
      AUTH_ADDR: auth.grpc,
      SESSION_ADDR: session.grpc,
      MESSAGE_ADDR: message.grpc,
      PORT: String(port),
      WEB_DIR: '',
    };
    await start('gateway', env, gateway);
  });

  after(async () => {
    for (const p of procs.reverse()) await p.stop();
    await Promise.all([nats.stop(), db.stop()]);
  });

  it('survives a kill -9 of the message service right after the ack', async () => {
    const user = () => ({
      email: `${randomUUID()}@example.com`,
      nickname: 'D',
      password: 'durable 1',
    });
    const a = await post('/api/auth/register', user());
    const b = await post('/api/auth/register', user());
    const token = a.tokens.accessToken;
    const { session } = await post('/api/sessions/private', { peerId: b.user.id }, token);

    const ws = new WebSocket(`${gateway.replace('http', 'ws')}/ws?token=${token}`);
    const frames: any[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));

    const message = procs.find((p) => p.opsUrl === messageOps)!;
    const acked = new Promise<any>((resolve) => {
      ws.on('message', (d) => {
        const frame = JSON.parse(String(d));
        if (frame.type === 'ack') {
          message.child.kill('SIGKILL');
          resolve(frame);
        }
      });
    });
    ws.send(
      JSON.stringify({
        type: 'send',
        id: '1',
        sessionId: session.id,
        clientMsgId: randomUUID(),
        kind: 'text',
        text: 'kept',
      }),
    );
    const ack = await acked;
    await message.exited;

    await start('message', messageEnv, messageOps);
    const res = await fetch(`${gateway}/api/sessions/${session.id}/messages`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { messages } = (await res.json()) as any;
    assert.deepEqual(
      messages.map((m: any) => [m.seq, m.text]),
      [[ack.seq, 'kept']],
    );
    ws.close();
  });
});
