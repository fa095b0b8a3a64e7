import assert from 'node:assert/strict';
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

/** A public group of `owner` and `members`, created on gateway 1. */
async function group(owner: TestUser, members: TestUser[]): Promise<string> {
  const created = await api(cluster.url(0, '/api/sessions'), {
    token: owner.token,
    body: { name: 'Rules', visibility: 'public', memberIds: members.map((m) => m.id) },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.session.id;
}

function moderate(owner: TestUser, sessionId: string, target: TestUser, action: string, body = {}) {
  return api(cluster.url(1, `/api/sessions/${sessionId}/members/${target.id}/${action}`), {
    token: owner.token,
    body,
  });
}

async function historyTexts(user: TestUser, sessionId: string): Promise<string[]> {
  const res = await api(cluster.url(1, `/api/sessions/${sessionId}/messages?limit=100`), {
    token: user.token,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.messages.filter((m: any) => m.kind === 'text').map((m: any) => m.text);
}

describe('refusals on the chat paths', () => {
  before(async () => {
    // The per-connection limit is low so that a burst of a few dozen frames exceeds it.
    cluster = await startChatCluster({ FRAME_RATE: '5', FRAME_BURST: '10' });
  });
  after(() => cluster.stop());

  it('answers a muted member`s send with muted and the seconds left, and lets them read', async () => {
    const [owner, member] = [await newUser(cluster), await newUser(cluster)];
    const sessionId = await group(owner, [member]);
    const muted = await moderate(owner, sessionId, member, 'mute', {
      untilMs: Date.now() + 60_000,
    });
    assert.equal(muted.status, 200, JSON.stringify(muted.body));

    const socket = await connect(cluster, 0, member);
    await eventually(async () => {
      const refused = await request(socket, text(sessionId, 'let me speak'));
      assert.equal(refused.code, 'muted', JSON.stringify(refused));
      assert.ok(refused.retryAfter > 50 && refused.retryAfter <= 60, String(refused.retryAfter));
    });
    const page = await request(socket, { type: 'history', sessionId });
    assert.equal(page.type, 'messages');
    assert.deepEqual(await historyTexts(owner, sessionId), []);
  });

  it('keeps a banned user out: no rejoining over HTTP, no posting over the socket', async () => {
    const [owner, member] = [await newUser(cluster), await newUser(cluster)];
    const sessionId = await group(owner, [member]);
    const banned = await moderate(owner, sessionId, member, 'ban', { banned: true });
    assert.equal(banned.status, 200, JSON.stringify(banned.body));

    const rejoin = await api(cluster.url(0, `/api/sessions/${sessionId}/join`), {
      token: member.token,
      body: {},
    });
    assert.equal(rejoin.status, 403);
    assert.equal(rejoin.body.error.code, 'banned');

    const socket = await connect(cluster, 1, member);
    await eventually(async () => {
      const refused = await request(socket, text(sessionId, 'back again'));
      assert.ok(['banned', 'not_member'].includes(refused.code), JSON.stringify(refused));
    });
    const history = await api(cluster.url(0, `/api/sessions/${sessionId}/messages`), {
      token: member.token,
    });
    assert.equal(history.status, 403);
  });

  it('refuses a text over the limit with message_too_large and stores nothing', async () => {
    const [a, b] = [await newUser(cluster), await newUser(cluster)];
    const sessionId = await group(a, [b]);
    const socket = await connect(cluster, 0, a);

    const refused = await request(socket, text(sessionId, 'x'.repeat(4_001)));
    assert.equal(refused.code, 'message_too_large');
    const fits = await request(socket, text(sessionId, 'y'.repeat(4_000)));
    assert.equal(fits.type, 'ack', JSON.stringify(fits));
    assert.deepEqual(await historyTexts(b, sessionId), ['y'.repeat(4_000)]);
  });

  it('refuses editing or recalling another member`s message with not_sender', async () => {
    const [a, b] = [await newUser(cluster), await newUser(cluster)];
    const sessionId = await group(a, [b]);
    const [sa, sb] = [await connect(cluster, 0, a), await connect(cluster, 1, b)];
    const ack = await request(sa, text(sessionId, 'mine'));

    const edit = await request(sb, { type: 'edit', sessionId, seq: ack.seq, text: 'yours now' });
    assert.equal(edit.code, 'not_sender');
    const recall = await request(sb, { type: 'recall', sessionId, seq: ack.seq });
    assert.equal(recall.code, 'not_sender');
    assert.deepEqual(await historyTexts(a, sessionId), ['mine']);
  });

  it('answers a flood with rate_limited, keeps the connection and loses nothing it acked', async () => {
    const [a, b] = [await newUser(cluster), await newUser(cluster)];
    const sessionId = await group(a, [b]);
    const socket = await connect(cluster, 0, a);

    const frames = Array.from({ length: 30 }, (_, i) => ({
      ...text(sessionId, `n${i}`),
      id: `f${i}`,
    }));
    for (const frame of frames) socket.send(frame);
    const answers = await Promise.all(frames.map((f) => socket.until((x) => x.ref === f.id)));

    const acked = frames.filter((_, i) => answers[i].type === 'ack').map((f) => f.text);
    const limited = answers.filter((x) => x.code === 'rate_limited');
    assert.ok(limited.length > 0, 'a burst over the limit is refused in part');
    assert.ok(limited.every((x) => x.retryAfter >= 1));
    assert.equal(acked.length + limited.length, frames.length);
    assert.deepEqual(await historyTexts(b, sessionId), acked);

    await new Promise((r) => setTimeout(r, 1_200));
    assert.equal((await request(socket, { type: 'ping' })).type, 'pong');
  });
});
