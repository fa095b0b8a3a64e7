import { describe, expect, it } from 'vitest';
import { systemText } from './messageText';

const words: Record<string, string> = {
  'system.join': '{targets} joined.',
  'system.invite': '{actor} added {targets}.',
};
const t = (key: string, params: Record<string, unknown> = {}) =>
  (words[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
const te = (key: string) => key in words;
const personName = (userId: string, role?: 'object') =>
  userId === 'me' ? (role === 'object' ? 'you' : 'You') : userId;

const event = (action: string, actorId: string, targetIds: string[]) => ({
  system: { action, actorId, targetIds, detail: '' },
});

describe('systemText', () => {
  it('names the viewer as the object of a sentence in lower case', () => {
    expect(systemText(event('invite', 'Ann', ['me', 'Bo']), t, te, personName)).toBe(
      'Ann added you, Bo.',
    );
  });

  it('capitalises the viewer when the targets are the subject', () => {
    expect(systemText(event('join', '', ['me']), t, te, personName)).toBe('You joined.');
  });

  it('falls back to a general sentence for an action it has no words for', () => {
    expect(systemText(event('shrug', 'Ann', []), t, te, personName)).toBe('system.other');
  });
});
