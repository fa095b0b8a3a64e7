import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { api, eventually } from './cluster.fixture.js';
import {
  connect,
  newUser,
  request,
  startChatCluster,
  textFrame as text,
  type ChatCluster,
  type TestUser,
} from './chat.fixture.js';

let cluster: ChatCluster;

async function privateSession(a: TestUser, b: TestUser): Promise<string> {
  const res = await api(cluster.url(0, '/api/sessions/private'), {
    token: a.token,
    body: { peerId: b.id },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.session.id;
}

describe('chat across two gateways', () => {
  before(async () => {
    cluster = await startChatCluster();
  });
  after(() => cluster.stop());

  it('opens the same private session from either side', async () => {
    const [a, b] = [await newUser(cluster, 'A'), await newUser(cluster, 'B')];
    const one = await privateSession(a, b);
    assert.equal(await privateSession(b, a), one);
  });

  it('acknowledges with a seq and delivers to the peer on the other gateway', async () => {
    const [a, b] = [await newUser(cluster, 'A'), await newUser(cluster, 'B')];
    const sessionId = await privateSession(a, b);
    const [sa, sb] = [await connect(cluster, 0, a), await connect(cluster, 1, b)];

    await eventually(async () => {
      const ack = await request(sa, text(sessionId, 'hello'));
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.seq, 1);
    });
    const delivered = await sb.until((f) => f.type === 'deliver');
    assert.equal(delivered.message.text, 'hello');
    assert.equal(delivered.message.senderId, a.id);
    assert.equal(delivered.message.seq, 1);
    sa.close();
    sb.close();
  });

  it('stores a retried send once and answers it with the same seq', async () => {
    const [a, b] = [await newUser(cluster, 'A'), await newUser(cluster, 'B')];
    const sessionId = await privateSession(a, b);
    const [sa, sb] = [await connect(cluster, 0, a), await connect(cluster, 1, b)];
    await new Promise((r) => setTimeout(r, 300));

    const clientMsgId = randomUUID();
    const first = await request(sa, text(sessionId, 'once', clientMsgId));
    const elsewhere = await connect(cluster, 1, a);
    const again = await request(elsewhere, text(sessionId, 'once', clientMsgId));
    assert.equal(first.seq, again.seq);
    assert.equal(again.duplicate, true);

    const history = await request(sb, { type: 'history', sessionId });
    assert.deepEqual(
      history.messages.map((m: any) => m.text),
      ['once'],
    );
    const deliveries = (await sb.drain(500)).filter((f) => f.type === 'deliver');
    assert.ok(deliveries.length <= 1, 'the retry must not be delivered again');
  });

  it('gives a client that reconnects to the other gateway exactly what it missed, in order', async () => {
    const [a, b] = [await newUser(cluster, 'A'), await newUser(cluster, 'B')];
    const sessionId = await privateSession(a, b);
    const sa = await connect(cluster, 0, a);
    const sb = await connect(cluster, 0, b);
    await new Promise((r) => setTimeout(r, 300));

    await request(sa, text(sessionId, 'm1'));
    const seen = await sb.until((f) => f.type === 'deliver');
    sb.close();

    for (const body of ['m2', 'm3', 'm4']) await request(sa, text(sessionId, body));
    const back = await connect(cluster, 1, b);
    const sync = await request(back, { type: 'sync', sessionId, afterSeq: seen.message.seq });
    assert.deepEqual(
      sync.messages.map((m: any) => [m.seq, m.text]),
      [
        [2, 'm2'],
        [3, 'm3'],
        [4, 'm4'],
      ],
    );
    assert.equal(sync.hasMore, false);
  });

  it('delivers group messages to every member on both gateways, and typing to the others', async () => {
    const [a, b, c] = [
      await newUser(cluster, 'A'),
      await newUser(cluster, 'B'),
      await newUser(cluster, 'C'),
    ];
    const created = await api(cluster.url(0, '/api/sessions'), {
      token: a.token,
      body: { name: 'Three', visibility: 'invite', memberIds: [b.id, c.id] },
    });
    assert.equal(created.status, 201);
    const sessionId = created.body.session.id;
    const sockets = [
      await connect(cluster, 0, a),
      await connect(cluster, 1, b),
      await connect(cluster, 1, c),
    ];
    await new Promise((r) => setTimeout(r, 300));

    const ack = await request(sockets[1]!, text(sessionId, 'hi all'));
    for (const s of sockets) {
      const d = await s.until((f) => f.type === 'deliver' && f.message.seq === ack.seq);
      assert.equal(d.message.text, 'hi all');
    }

    sockets[0]!.send({ type: 'typing', sessionId });
    const typing = await sockets[2]!.until((f) => f.type === 'typing');
    assert.equal(typing.userId, a.id);
    assert.ok(!(await sockets[0]!.drain(300)).some((f) => f.type === 'typing'));
  });

  it('refuses outsiders on every path with not_member', async () => {
    const [a, b, outsider] = [
      await newUser(cluster),
      await newUser(cluster),
      await newUser(cluster),
    ];
    const sessionId = await privateSession(a, b);
    const so = await connect(cluster, 0, outsider);

    for (const frame of [
      text(sessionId, 'sneaky'),
      { type: 'sync', sessionId, afterSeq: 0 },
      { type: 'history', sessionId },
      { type: 'typing', sessionId },
    ]) {
      const answer = await request(so, frame);
      assert.equal(answer.code, 'not_member', JSON.stringify(frame));
    }
    const http = await api(cluster.url(1, `/api/sessions/${sessionId}/messages`), {
      token: outsider.token,
    });
    assert.equal(http.status, 403);
    assert.equal(http.body.error.code, 'not_member');
  });

  it('refuses bad chat frames clearly and keeps the connection', async () => {
    const a = await newUser(cluster);
    const s = await connect(cluster, 0, a);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'sync', sessionId: 'x', afterSeq: -1 }, 'invalid_seq'],
      [
        { type: 'send', sessionId: 'a.b', clientMsgId: 'c', kind: 'text', text: 't' },
        'invalid_frame',
      ],
      [{ type: 'send', sessionId: 'abc', kind: 'text', text: 't' }, 'invalid_frame'],
      [{ type: 'shout', sessionId: 'abc' }, 'unknown_type'],
    ];
    for (const [frame, code] of cases) assert.equal((await request(s, frame)).code, code);

    const reversed = await api(
      cluster.url(0, '/api/sessions/abc/messages?afterSeq=5&beforeSeq=3'),
      { token: a.token },
    );
    assert.equal(reversed.body.error.code, 'invalid_seq');
    assert.equal((await request(s, { type: 'ping' })).type, 'pong');
  });

  it('subscribes a gateway only to sessions its users belong to', async () => {
    const metric = async (gw: number) => {
      const text = await (await fetch(cluster.url(gw, '/metrics'))).text();
      return Number(/^chat_session_subscriptions(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? -1);
    };
    const before = await metric(1);
    const [a, b] = [await newUser(cluster), await newUser(cluster)];
    await privateSession(a, b);
    const sa = await connect(cluster, 0, a);
    await new Promise((r) => setTimeout(r, 300));

    assert.equal(await metric(1), before, 'gateway 2 holds none of these users');
    sa.close();
  });

  it('answers service_unavailable while no message service runs, and stores the retry once', async () => {
    const [a, b] = [await newUser(cluster), await newUser(cluster)];
    const sessionId = await privateSession(a, b);
    const sa = await connect(cluster, 0, a);

    for (const m of cluster.messages.splice(0)) await m.stop();
    const clientMsgId = randomUUID();
    const refused = await request(sa, text(sessionId, 'later', clientMsgId));
    assert.equal(refused.code, 'service_unavailable');

    await cluster.startMessage();
    const ack = await request(sa, text(sessionId, 'later', clientMsgId));
    assert.equal(ack.type, 'ack');
    const again = await request(sa, text(sessionId, 'later', clientMsgId));
    assert.equal(again.seq, ack.seq);
  });
});
