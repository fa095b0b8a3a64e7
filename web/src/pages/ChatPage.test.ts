import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { AUTH_STORAGE_KEY } from '../api/session';
import { createAppI18n } from '../i18n';
import { aChatSession, aMessage, answer, sentOfType } from '../test/chatFixtures';
import { createFakeFetch } from '../test/fakeFetch';
import { FakeSocket } from '../test/fakeSocket';
import { aSession, aUser } from '../test/fixtures';

let fake: ReturnType<typeof createFakeFetch>;

beforeEach(() => {
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));
  FakeSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
  fake.on('GET', '/api/sessions', {
    status: 200,
    body: {
      sessions: [
        aChatSession({
          id: 'p-1',
          kind: 'private',
          name: '',
          memberIds: ['u-1', 'u-2'],
          unreadCount: 2,
        }),
        aChatSession({ id: 'g-1', name: 'Team', lastActivityAt: '2025-12-01T00:00:00.000Z' }),
      ],
      nextOffset: null,
    },
  });
  fake.on('GET', '/api/users/u-2', {
    status: 200,
    body: { user: aUser({ id: 'u-2', nickname: 'Grace' }) },
  });
});

afterEach(() => {
  localStorage.clear();
  vi.resetModules();
});

/** The app's real router, auth and connection in a fresh module graph, on a screen of a size. */
async function openApp(path: string, narrow: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: narrow,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
  const { createAppRouter } = await import('../router');
  const { useAuth } = await import('../composables/useAuth');
  const { useConnection } = await import('../composables/useConnection');

  const router = createAppRouter(useAuth(), createMemoryHistory());
  useConnection().start();
  await router.push(path);
  await router.isReady();

  const wrapper = mount(
    { render: () => h(RouterView) },
    {
      global: { plugins: [createAppI18n('en'), router] },
      attachTo: document.body,
    },
  );
  await flushPromises();

  const socket = FakeSocket.latest();
  socket.serverOpens();
  socket.serverSends({ type: 'hello', gatewayId: 'gw-1', userId: 'u-1', heartbeatMs: 60_000 });
  await flushPromises();
  return { wrapper, router, socket };
}

describe('ChatPage', () => {
  it('lists sessions by activity, naming a private chat after the other person', async () => {
    const { wrapper } = await openApp('/chat', false);

    const items = wrapper.findAll('[data-testid="session-item"]');
    expect(items.map((i) => i.attributes('data-session-id'))).toEqual(['p-1', 'g-1']);
    expect(items[0]!.text()).toContain('Grace');
    expect(items[0]!.get('[data-testid="unread-badge"]').text()).toBe('2');
    wrapper.unmount();
  });

  it('opens a chat, shows its history, and sends a message that goes from pending to sent', async () => {
    const { wrapper, router, socket } = await openApp('/chat', false);

    await router.push('/chat/p-1');
    await flushPromises();
    answer(socket, 'open', { type: 'opened', sessionId: 'p-1', lastSeq: 1 });
    await flushPromises();
    const history = [aMessage({ sessionId: 'p-1', seq: 1, text: 'hi Ada' })];
    answer(socket, 'history', {
      type: 'messages',
      sessionId: 'p-1',
      messages: history,
      hasMore: false,
    });
    await flushPromises();

    expect(wrapper.find('[data-testid="unread-badge"]').exists()).toBe(false);
    await wrapper.get('[data-testid="message-input"]').setValue('hello Grace');
    await wrapper.get('[data-testid="send-button"]').trigger('click');
    const messages = () => wrapper.findAll('[data-testid="message"]');
    expect(messages().map((m) => m.attributes('data-status'))).toEqual(['sent', 'pending']);

    const sent = sentOfType(socket, 'send')[0]!;
    answer(socket, 'send', {
      type: 'ack',
      sessionId: 'p-1',
      clientMsgId: sent.clientMsgId,
      seq: 2,
      createdAt: null,
      duplicate: false,
    });
    await flushPromises();

    expect(messages().map((m) => [m.attributes('data-seq'), m.attributes('data-status')])).toEqual([
      ['1', 'sent'],
      ['2', 'sent'],
    ]);
    wrapper.unmount();
  });

  it('shows one pane at a time on a phone, with a back button from the chat to the list', async () => {
    const { wrapper, router } = await openApp('/chat', true);
    expect(wrapper.find('[data-testid="session-list"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="chat-view"]').exists()).toBe(false);

    await router.push('/chat/g-1');
    await flushPromises();
    expect(wrapper.find('[data-testid="session-list"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="chat-view"]').exists()).toBe(true);

    await wrapper.get('[data-testid="back-button"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/chat');
    expect(wrapper.find('[data-testid="session-list"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
