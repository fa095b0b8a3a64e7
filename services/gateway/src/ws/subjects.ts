/** The session id and the last token of a `session.<id>.<kind>` subject. */
export function parseSessionSubject(subject: string): { sessionId: string; kind: string } {
  const [, sessionId = '', kind = ''] = subject.split('.');
  return { sessionId, kind };
}
