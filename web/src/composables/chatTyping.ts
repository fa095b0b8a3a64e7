/** How long "X is typing" stays up after a typing frame (the gateway's own rule, protocol.md). */
export const TYPING_SHOWN_MS = 5_000;
/** Typing frames go out at most this often per session. */
export const TYPING_SEND_MS = 1_000;

interface Typists {
  sessionId: string;
  typingUserIds: string[];
}

/** Who is typing where, each shown until five quiet seconds pass, and when to tell others. */
export function createTypingTracker() {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastSent = new Map<string, number>();

  function started(typists: Typists, userId: string): void {
    if (!typists.typingUserIds.includes(userId)) typists.typingUserIds.push(userId);

    const key = `${typists.sessionId}/${userId}`;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => stopped(typists, userId), TYPING_SHOWN_MS),
    );
  }

  function stopped(typists: Typists, userId: string): void {
    const key = `${typists.sessionId}/${userId}`;
    clearTimeout(timers.get(key));
    timers.delete(key);
    typists.typingUserIds = typists.typingUserIds.filter((id) => id !== userId);
  }

  /** True at most once a second per session: whether this keystroke should send a frame. */
  function shouldSend(sessionId: string, now: number): boolean {
    if (now - (lastSent.get(sessionId) ?? -Infinity) < TYPING_SEND_MS) return false;

    lastSent.set(sessionId, now);
    return true;
  }

  function dispose(): void {
    timers.forEach((timer) => clearTimeout(timer));
    timers.clear();
  }

  return { started, stopped, shouldSend, dispose };
}
