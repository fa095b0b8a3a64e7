import { commonSchema, hostPort, int, list, oneOf, str } from '@chat/kit';

export const gatewaySchema = {
  ...commonSchema,
  GATEWAY_ID: str('this node id, unique in the cluster', 'gw-1'),
  HOST: str('address to listen on', '127.0.0.1'),
  PORT: int('port of HTTP, WebSocket and ops endpoints (0 picks a free one)', 8080, 0, 65_535),
  AUTH_ADDR: hostPort('address of the auth service', '127.0.0.1:50051'),
  SESSION_ADDR: hostPort('address of the session service', '127.0.0.1:50052'),
  MESSAGE_ADDR: hostPort('address of the message service', '127.0.0.1:50053'),
  WEB_DIR: str('folder of the built web app; empty serves none', 'web/dist'),
  ALLOWED_ORIGINS: list('origins allowed besides the page itself (comma-separated)', []),
  TRUST_PROXY: oneOf('take the client address from X-Forwarded-For', 'no', ['yes', 'no'] as const),
  MAX_BODY_BYTES: int('largest accepted HTTP request body', 64 * 1024, 1_024),
  MAX_FRAME_BYTES: int('largest accepted WebSocket frame', 64 * 1024, 1_024),
  HEARTBEAT_MS: int('how often clients should send a ping', 25_000, 1_000),
  IDLE_TIMEOUT_S: int(
    'close a WebSocket silent this long (uWebSockets.js rounds to 4 s)',
    60,
    8,
    960,
  ),
  FRAME_RATE: int('frames per second allowed per connection (sustained)', 20, 1),
  FRAME_BURST: int('frames allowed per connection in a burst', 40, 1),
  USER_FRAME_RATE: int('frames per second allowed per user on one gateway (sustained)', 30, 1),
  USER_FRAME_BURST: int('frames allowed per user on one gateway in a burst', 60, 1),
  SEND_TIMEOUT_MS: int('how long a send waits for the message service to store it', 5_000, 100),
  RPC_DEADLINE_MS: int('deadline of calls to services', 5_000, 100),
};
