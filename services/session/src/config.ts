import { hostPort, int, serviceSchema } from '@chat/kit';

export const sessionSchema = {
  ...serviceSchema('session', 50052, 9102),
  MESSAGE_ADDR: hostPort('gRPC address of the message service', '127.0.0.1:50053'),
  MAX_GROUP_MEMBERS: int('most members a group may have', 500, 2, 100_000),
  OUTBOX_POLL_MS: int('how often pending system messages are retried, in milliseconds', 1_000, 20),
  OUTBOX_MAX_BACKOFF_MS: int('longest wait between retries of a system message', 30_000, 100),
};
