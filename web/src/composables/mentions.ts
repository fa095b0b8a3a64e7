export interface MentionCandidate {
  id: string;
  name: string;
}

const MENTION_AT_END = /(^|\s)@([^\s@]*)$/;

/** The partial name after an `@` right before the caret, or null when not mentioning. */
export function mentionQuery(text: string, caret: number): string | null {
  const match = MENTION_AT_END.exec(text.slice(0, caret));
  return match ? (match[2] ?? '') : null;
}

/** Members whose name contains the query, case-insensitive, at most `limit`. */
export function mentionMatches(
  candidates: MentionCandidate[],
  query: string,
  limit = 6,
): MentionCandidate[] {
  const lower = query.toLowerCase();
  return candidates.filter((c) => c.name.toLowerCase().includes(lower)).slice(0, limit);
}

/** Replaces the `@partial` before the caret with the full name; returns the text and new caret. */
export function insertMention(
  text: string,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const before = text.slice(0, caret).replace(/@[^\s@]*$/, `@${name} `);
  return { text: before + text.slice(caret), caret: before.length };
}

/** The picked ids whose `@name` is still in the text when it is sent. */
export function mentionIdsIn(text: string, picked: MentionCandidate[]): string[] {
  const ids = picked.filter((c) => text.includes(`@${c.name}`)).map((c) => c.id);
  return [...new Set(ids)];
}
