import { describe, expect, it } from 'vitest';
import { insertMention, mentionIdsIn, mentionMatches, mentionQuery } from './mentions';

const people = [
  { id: 'u-2', name: 'Grace' },
  { id: 'u-3', name: 'Alan' },
  { id: 'u-4', name: 'Margaret' },
];

describe('mentions', () => {
  it('finds the partial name after an @ right before the caret', () => {
    expect(mentionQuery('hi @Gr', 6)).toBe('Gr');
    expect(mentionQuery('@', 1)).toBe('');
    expect(mentionQuery('mail a@b', 8)).toBeNull();
    expect(mentionQuery('hi @Gr there', 12)).toBeNull();
  });

  it('lists members whose name contains the query, ignoring case', () => {
    expect(mentionMatches(people, 'a').map((p) => p.id)).toEqual(['u-2', 'u-3', 'u-4']);
    expect(mentionMatches(people, 'GAR').map((p) => p.id)).toEqual(['u-4']);
  });

  it('replaces the partial name with the full one and moves the caret after it', () => {
    expect(insertMention('hi @gr and more', 6, 'Grace')).toEqual({
      text: 'hi @Grace  and more',
      caret: 10,
    });
  });

  it('keeps only the picked ids still named in the text', () => {
    expect(mentionIdsIn('thanks @Grace', [people[0]!, people[1]!, people[0]!])).toEqual(['u-2']);
  });
});
