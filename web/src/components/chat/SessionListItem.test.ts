import { describe, expect, it } from 'vitest';
import en from '../../i18n/en';
import { aChatSession } from '../../test/chatFixtures';
import { mountWithApp } from '../../test/mountWithApp';
import SessionListItem from './SessionListItem.vue';

async function item(overrides: Parameters<typeof aChatSession>[0]) {
  const session = aChatSession(overrides);
  const { wrapper } = await mountWithApp(SessionListItem, {
    props: { session, title: 'Grace', active: false },
  });
  return wrapper;
}

describe('SessionListItem', () => {
  it('links to the session and shows the last message and the unread count', async () => {
    const wrapper = await item({
      id: 's-9',
      unreadCount: 3,
      lastMessage: { seq: 5, senderId: 'u-2', kind: 'text', preview: 'see you', createdAt: null },
    });

    const link = wrapper.get('[data-testid="session-item"]');
    expect(link.attributes('data-session-id')).toBe('s-9');
    expect(link.attributes('href')).toBe('/chat/s-9');
    expect(link.text()).toContain('Grace');
    expect(link.text()).toContain('see you');
    expect(wrapper.get('[data-testid="unread-badge"]').text()).toBe('3');
  });

  it('words a system message preview in the viewer’s language, not the service’s action name', async () => {
    const wrapper = await item({
      lastMessage: { seq: 2, senderId: '', kind: 'system', preview: 'join', createdAt: null },
    });

    expect(wrapper.text()).toContain(en.chat.systemPreview);
    expect(wrapper.text()).not.toContain('join');
  });

  it('shows no badge when all is read, and words for a session without messages', async () => {
    const wrapper = await item({ unreadCount: 0, lastMessage: null });

    expect(wrapper.find('[data-testid="unread-badge"]').exists()).toBe(false);
    expect(wrapper.text()).toContain(en.chat.noMessagesYet);
  });
});
