/** The bus subjects of the chat protocol (docs/protocol.md, "Bus subjects"). */
export const subjects = {
  send: (sessionId: string) => `session.${sessionId}.send`,
  sessionAll: (sessionId: string) => `session.${sessionId}.>`,
  typing: (sessionId: string) => `session.${sessionId}.typing`,
  userAll: (userId: string) => `user.${userId}.>`,
};

/** The session id and the last token of a `session.<id>.<kind>` subject. */
export function parseSessionSubject(subject: string): { sessionId: string; kind: string } {
  const [, sessionId = '', kind = ''] = subject.split('.');
  return { sessionId, kind };
}
