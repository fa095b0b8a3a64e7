import { describe, expect, it } from 'vitest';
import { mountWithApp } from '../../test/mountWithApp';
import ChatTypingIndicator from './ChatTypingIndicator.vue';

describe('ChatTypingIndicator', () => {
  it('names one typist, counts several, and shows nothing when nobody types', async () => {
    const one = await mountWithApp(ChatTypingIndicator, { props: { names: ['Grace'] } });
    const many = await mountWithApp(ChatTypingIndicator, { props: { names: ['Grace', 'Alan'] } });
    const none = await mountWithApp(ChatTypingIndicator, { props: { names: [] } });

    expect(one.wrapper.get('[data-testid="typing-indicator"]').text()).toBe('Grace is typing…');
    expect(many.wrapper.get('[data-testid="typing-indicator"]').text()).toBe(
      '2 people are typing…',
    );
    expect(none.wrapper.find('[data-testid="typing-indicator"]').exists()).toBe(false);
  });
});
