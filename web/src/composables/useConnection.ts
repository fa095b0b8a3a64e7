import { readonly, ref, watch, type Ref, type WatchStopHandle } from 'vue';
import { parseFrame, socketUrl, type ClientFrame, type ServerFrame } from './connectionFrames';
import { createFrameRequests, lost, REQUEST_TIMEOUT_MS } from './frameRequests';
import { useAuth, type Auth } from './useAuth';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 15_000;
export const BACKOFF_JITTER = 0.3;
const DEFAULT_HEARTBEAT_MS = 25_000;
const SOCKET_OPEN = 1;

/** Server error codes meaning the token in use is no good; a refresh may still save the session. */
const TOKEN_REJECTIONS = new Set(['token_expired', 'token_invalid', 'token_revoked']);

/**
 * Delay before reconnect number `attempt` (0-based): 0.5 s doubling up to 15 s, minus up to 30 %
 * jitter so that clients dropped together by one gateway do not all come back at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** exponent);

  return Math.round(ceiling * (1 - BACKOFF_JITTER * random()));
}

export interface ConnectionOptions {
  getToken: () => Promise<string | null>;
  onTokenRejected?: () => void;
  createSocket?: (url: string) => WebSocket;
  location?: Pick<Location, 'protocol' | 'host'>;
  random?: () => number;
}

export type Connection = ReturnType<typeof createConnection>;

export function createConnection(options: ConnectionOptions) {
  const status = ref<ConnectionStatus>('offline');
  const gatewayId = ref<string | null>(null);
  const lastError = ref<{ code: string; message: string } | null>(null);
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));

  let socket: WebSocket | null = null;
  let wanted = false;
  let attempt = 0;
  let generation = 0;
  let connectedWith: string | null = null;
  let latestToken: string | null = null;
  let heartbeatMs = DEFAULT_HEARTBEAT_MS;
  let lastSeenAt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  const requests = createFrameRequests();
  const listeners = new Set<(frame: ServerFrame) => void>();

  function start(): void {
    if (wanted) return;

    wanted = true;
    attempt = 0;
    void open();
  }

  function stop(): void {
    wanted = false;
    generation++;
    clearTimeout(retryTimer);
    stopHeartbeat();

    const closing = socket;
    socket = null;
    closing?.close(1000, 'logout');
    requests.failAll();

    status.value = 'offline';
    gatewayId.value = null;
  }

  async function open(): Promise<void> {
    const current = ++generation;
    status.value = 'connecting';

    const token = await options.getToken();
    if (!wanted || current !== generation) return;
    if (!token) return stop();

    connectedWith = token;
    latestToken = token;
    const ws = createSocket(socketUrl(options.location ?? window.location, token));
    socket = ws;

    ws.onmessage = (event: MessageEvent) => onMessage(ws, event.data);
    ws.onclose = () => onClosed(ws);
  }

  function onMessage(ws: WebSocket, data: unknown): void {
    if (ws !== socket) return;

    lastSeenAt = Date.now();
    const frame = parseFrame(data);
    if (frame) handleFrame(frame);
  }

  function handleFrame(frame: ServerFrame): void {
    if (frame.type === 'hello') onHello(frame.gatewayId, frame.heartbeatMs);

    if (frame.type === 'error') {
      lastError.value = { code: frame.code, message: frame.message };
      if (TOKEN_REJECTIONS.has(frame.code)) options.onTokenRejected?.();
    }

    if (requests.settle(frame)) return;
    for (const listener of listeners) listener(frame);
  }

  function onHello(id: string, interval: number): void {
    gatewayId.value = id;
    status.value = 'online';
    attempt = 0;
    heartbeatMs = interval > 0 ? interval : DEFAULT_HEARTBEAT_MS;
    startHeartbeat();

    // The token may have been refreshed while the socket was still opening.
    if (latestToken && latestToken !== connectedWith) reauthenticate(latestToken);
  }

  function onClosed(ws: WebSocket): void {
    if (ws !== socket) return;

    socket = null;
    stopHeartbeat();
    status.value = 'offline';
    gatewayId.value = null;
    requests.failAll();

    if (wanted) scheduleReconnect();
  }

  function scheduleReconnect(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void open(), backoffDelay(attempt++, options.random));
  }

  function reconnectNow(): void {
    if (!wanted || socket) return;

    clearTimeout(retryTimer);
    void open();
  }

  function startHeartbeat(): void {
    stopHeartbeat();
    heartbeatTimer = setInterval(beat, heartbeatMs);
  }

  function stopHeartbeat(): void {
    clearInterval(heartbeatTimer);
    heartbeatTimer = undefined;
  }

  function beat(): void {
    // A half-open TCP connection never fires close; silence for two beats means it is dead.
    if (Date.now() - lastSeenAt > heartbeatMs * 2) return drop();

    send({ type: 'ping' });
  }

  function drop(): void {
    const ws = socket;
    if (!ws) return;

    onClosed(ws);
    ws.close(4000, 'heartbeat timeout');
  }

  function reauthenticate(token: string): void {
    latestToken = token;
    if (socket?.readyState !== SOCKET_OPEN) return;

    connectedWith = token;
    send({ type: 'auth', token });
  }

  /** Sends a frame if the socket is open; false when it could not go out. */
  function send(frame: ClientFrame): boolean {
    if (socket?.readyState !== SOCKET_OPEN) return false;

    socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a frame and waits for its answer; an error frame or a lost socket rejects (ApiError). */
  function request(frame: ClientFrame, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ServerFrame> {
    if (status.value !== 'online') return Promise.reject(lost('Not connected.'));

    const { id, answer } = requests.track(timeoutMs);
    if (!send({ ...frame, id })) requests.fail(id, lost('Not connected.'));
    return answer;
  }

  /** Every frame that answers no request goes to the listeners, hello included. */
  function onFrame(listener: (frame: ServerFrame) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return {
    status: readonly(status) as Readonly<Ref<ConnectionStatus>>,
    gatewayId: readonly(gatewayId),
    lastError: readonly(lastError),
    start,
    stop,
    reauthenticate,
    reconnectNow,
    send,
    request,
    onFrame,
  };
}

/**
 * Keeps the socket in step with the session: open on login, re-auth on refresh, close on
 * logout.
 */
export function bindConnectionToAuth(connection: Connection, auth: Auth): WatchStopHandle {
  return watch(
    auth.accessToken,
    (token, previous) => {
      if (!token) connection.stop();
      else if (!previous) connection.start();
      else connection.reauthenticate(token);
    },
    { immediate: true },
  );
}

let shared: Connection | null = null;

export function useConnection(): Connection {
  shared ??= createSharedConnection();
  return shared;
}

function createSharedConnection(): Connection {
  const auth = useAuth();
  const connection = createConnection({
    getToken: () => auth.validAccessToken(),
    // A refresh either yields a token for the next auth frame or reconnect, or ends the session.
    onTokenRejected: () => void auth.refresh().catch(() => undefined),
  });

  window.addEventListener('online', () => connection.reconnectNow());
  return connection;
}
