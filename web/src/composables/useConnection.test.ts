import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fakeSocket';
import { socketUrl } from './connectionFrames';
import {
  BACKOFF_INITIAL_MS,
  BACKOFF_MAX_MS,
  backoffDelay,
  createConnection,
  type Connection,
} from './useConnection';

describe('backoffDelay', () => {
  it('starts at half a second and doubles each attempt when there is no jitter', () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 0));

    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never waits longer than 15 seconds', () => {
    expect(backoffDelay(5, () => 0)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(50, () => 0)).toBe(BACKOFF_MAX_MS);
  });

  it('takes up to 30 % off with jitter, so the delay stays within its range', () => {
    expect(backoffDelay(0, () => 1)).toBe(350);
    expect(backoffDelay(10, () => 0.5)).toBe(12_750);

    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** attempt);
      const delay = backoffDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling * 0.7);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe('socketUrl', () => {
  it('uses the page host with ws, or wss on https, and escapes the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'a b')).toBe(
      'ws://127.0.0.1:8080/ws?token=a%20b',
    );
    expect(socketUrl({ protocol: 'https:', host: 'chat.example' }, 't')).toBe(
      'wss://chat.example/ws?token=t',
    );
  });
});

describe('createConnection', () => {
  let token: string | null;
  let connection: Connection;
  let rejections: number;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    token = 'tok-1';
    rejections = 0;
    connection = createConnection({
      getToken: async () => token,
      onTokenRejected: () => rejections++,
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      location: { protocol: 'http:', host: 'localhost:8080' },
      random: () => 0,
    });
  });

  afterEach(() => {
    connection.stop();
    vi.useRealTimers();
  });

  async function connectAndGreet(heartbeatMs = 1_000): Promise<FakeSocket> {
    connection.start();
    await vi.advanceTimersByTimeAsync(0);

    const socket = FakeSocket.latest();
    socket.serverOpens();
    socket.serverSends({ type: 'hello', gatewayId: 'gw-1', userId: 'u-1', heartbeatMs });
    return socket;
  }

  it('is connecting until hello arrives, then online with the gateway id', async () => {
    connection.start();
    expect(connection.status.value).toBe('connecting');
    await vi.advanceTimersByTimeAsync(0);

    const socket = FakeSocket.latest();
    expect(socket.url).toBe('ws://localhost:8080/ws?token=tok-1');
    socket.serverOpens();
    socket.serverSends({ type: 'hello', gatewayId: 'gw-7', userId: 'u-1', heartbeatMs: 25_000 });

    expect(connection.status.value).toBe('online');
    expect(connection.gatewayId.value).toBe('gw-7');
  });

  it('pings every heartbeat interval', async () => {
    const socket = await connectAndGreet(1_000);

    await vi.advanceTimersByTimeAsync(1_000);
    socket.serverSends({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(1_000);

    expect(socket.sent).toEqual([{ type: 'ping' }, { type: 'ping' }]);
  });

  it('sends the new token in an auth frame when the token is refreshed', async () => {
    const socket = await connectAndGreet();

    connection.reauthenticate('tok-2');

    expect(socket.sent).toContainEqual({ type: 'auth', token: 'tok-2' });
  });

  it('asks for a fresh token when the server rejects the current one', async () => {
    const socket = await connectAndGreet();

    socket.serverSends({ type: 'error', code: 'rate_limited', message: 'slow down' });
    expect(rejections).toBe(0);

    socket.serverSends({ type: 'error', code: 'token_expired', message: 'expired' });
    socket.serverSends({ type: 'error', code: 'token_revoked', message: 'revoked' });
    expect(rejections).toBe(2);
    expect(connection.lastError.value?.code).toBe('token_revoked');
  });

  it('reconnects after a close with backoff, using the current token', async () => {
    const first = await connectAndGreet();
    token = 'tok-2';

    first.serverCloses();
    expect(connection.status.value).toBe('offline');
    expect(connection.gatewayId.value).toBeNull();

    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.instances).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.latest().url).toContain('token=tok-2');
    expect(connection.status.value).toBe('connecting');
  });

  it('waits longer after each failed attempt', async () => {
    connection.start();
    await vi.advanceTimersByTimeAsync(0);

    FakeSocket.latest().serverCloses();
    await vi.advanceTimersByTimeAsync(500);
    FakeSocket.latest().serverCloses();
    await vi.advanceTimersByTimeAsync(999);

    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(3);
  });

  it('drops a silent connection after two missed heartbeats and reconnects', async () => {
    const socket = await connectAndGreet(1_000);

    await vi.advanceTimersByTimeAsync(3_000);

    expect(socket.closedWith).toBe(4000);
    expect(connection.status.value).not.toBe('online');
  });

  it('stops for good on stop, without reconnecting', async () => {
    const socket = await connectAndGreet();

    connection.stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(socket.closedWith).toBe(1000);
    expect(connection.status.value).toBe('offline');
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('resolves a request with the answer that carries its id as ref', async () => {
    const socket = await connectAndGreet();

    const answer = connection.request({ type: 'open', sessionId: 's-1' });
    const sent = socket.sent.at(-1) as { id: string };
    socket.serverSends({ type: 'opened', sessionId: 's-1', lastSeq: 4, ref: 'someone-else' });
    socket.serverSends({ type: 'opened', sessionId: 's-1', lastSeq: 9, ref: sent.id });

    await expect(answer).resolves.toMatchObject({ type: 'opened', lastSeq: 9 });
  });

  it('rejects a request with the code of its error frame, and when the socket closes', async () => {
    const socket = await connectAndGreet();

    const refused = connection.request({ type: 'read', sessionId: 's-1', seq: 1 });
    const sent = socket.sent.at(-1) as { id: string };
    socket.serverSends({ type: 'error', code: 'not_member', message: 'no', ref: sent.id });
    await expect(refused).rejects.toMatchObject({ code: 'not_member' });

    const dropped = connection.request({ type: 'read', sessionId: 's-1', seq: 1 });
    socket.serverCloses();
    await expect(dropped).rejects.toMatchObject({ code: 'network_error' });
  });

  it('passes frames that answer no request to the listeners', async () => {
    const socket = await connectAndGreet();
    const seen: string[] = [];
    connection.onFrame((frame) => seen.push(frame.type));

    socket.serverSends({ type: 'typing', sessionId: 's-1', userId: 'u-2' });
    socket.serverSends({ type: 'deliver', sessionId: 's-1', message: { nonsense: true } });

    expect(seen).toEqual(['typing']);
  });
});
