import { hostPort, int, serviceSchema } from '@chat/kit';

export const messageSchema = {
  ...serviceSchema('message', 50053, 9103),
  SESSION_ADDR: hostPort(
    'address of the session service (gRPC), asked for memberships',
    '127.0.0.1:50052',
  ),
  EDIT_WINDOW_S: int('how long after sending the sender may edit a message, in seconds', 900, 0),
  RECALL_WINDOW_S: int(
    'how long after sending the sender may recall a message, in seconds',
    120,
    0,
  ),
  MAX_TEXT_CHARS: int('longest text of a message, in characters', 4_000, 1, 100_000),
  MEMBERSHIP_CACHE_MS: int(
    'how long a membership answer of the session service is reused, in ms (0: never)',
    2_000,
    0,
    2_000,
  ),
};
