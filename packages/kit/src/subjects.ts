// The bus subjects that services and gateways share; docs/protocol.md, "Bus subjects", says
// what travels on each.

/**
 * Subject builders, one per kind of bus traffic. Send requests live under `message.send.`
 * rather than `session.<id>.`: a gateway that follows `session.<id>.>` must neither receive
 * every send nor count as a responder to it, or a request with no message service running
 * would wait for a timeout instead of failing at once with "no responders".
 */
export const subjects = {
  /** Send requests of one session, answered by one message-service instance. */
  send: (sessionId: string) => `message.send.${sessionId}`,
  /** Every session's send requests, for the message service. */
  anySend: 'message.send.*',
  /** Stored, edited and recalled messages of a session. */
  event: (sessionId: string) => `session.${sessionId}.event`,
  anyEvent: 'session.*.event',
  typing: (sessionId: string) => `session.${sessionId}.typing`,
  read: (sessionId: string) => `session.${sessionId}.read`,
  members: (sessionId: string) => `session.${sessionId}.members`,
  anyMembers: 'session.*.members',
  /** Everything a gateway forwards to the members of a session. */
  sessionAll: (sessionId: string) => `session.${sessionId}.>`,
  /** A user joined or left a session. */
  userSessions: (userId: string) => `user.${userId}.sessions`,
  /** Everything a gateway forwards to one user. */
  userAll: (userId: string) => `user.${userId}.>`,
  /** A login was revoked. */
  revoked: 'auth.revoked',
} as const;
