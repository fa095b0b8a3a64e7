import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { TimelineItem } from '../../composables/chatOutbox';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';
import { aMessage } from '../../test/chatFixtures';
import { mountWithApp } from '../../test/mountWithApp';
import ChatMessageItem from './ChatMessageItem.vue';

const names: Record<string, string> = { 'u-1': 'Ada', 'u-2': 'Grace', 'u-3': 'Alan' };

async function render(
  item: TimelineItem,
  options: { mine?: boolean; mentionsMe?: boolean; locale?: 'en' | 'zh-CN' } = {},
) {
  const { wrapper } = await mountWithApp(ChatMessageItem, {
    locale: options.locale,
    props: {
      item,
      mine: options.mine ?? true,
      mentionsMe: options.mentionsMe ?? false,
      senderName: 'Ada',
      personName: (id: string) => names[id] ?? '?',
      quote: null,
    },
  });
  return wrapper;
}

function row(status: TimelineItem['status'], error: ApiError | null = null): TimelineItem {
  return {
    key: 'k',
    status,
    message: aMessage({ seq: status === 'sent' ? 7 : 0, clientMsgId: 'c-1' }),
    error,
  };
}

describe('ChatMessageItem', () => {
  it('carries its seq and status for a stored message, with no retry button', async () => {
    const wrapper = await render(row('sent'));

    const message = wrapper.get('[data-testid="message"]');
    expect(message.attributes('data-seq')).toBe('7');
    expect(message.attributes('data-status')).toBe('sent');
    expect(wrapper.find('[data-testid="retry-button"]').exists()).toBe(false);
  });

  it('says a pending message is being sent', async () => {
    const wrapper = await render(row('pending'));

    expect(wrapper.get('[data-testid="message"]').attributes('data-status')).toBe('pending');
    expect(wrapper.text()).toContain(en.chat.pending);
  });

  it('shows why a message failed in words and offers a retry', async () => {
    const error = new ApiError({ status: 0, code: 'muted', message: 'muted' });
    const wrapper = await render(row('failed', error));

    expect(wrapper.text()).toContain(en.errors.muted);
    await wrapper.get('[data-testid="retry-button"]').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('offers edit and delete only on the user’s own stored messages', async () => {
    const mine = await render(row('sent'), { mine: true });
    const theirs = await render(row('sent'), { mine: false });

    expect(mine.find('[data-testid="edit-button"]').exists()).toBe(true);
    expect(mine.find('[data-testid="recall-button"]').exists()).toBe(true);
    expect(theirs.find('[data-testid="edit-button"]').exists()).toBe(false);
    expect(theirs.find('[data-testid="reply-button"]').exists()).toBe(true);
  });

  it('renders a system message as a note in the viewer’s language', async () => {
    const system = { action: 'kick', actorId: 'u-1', targetIds: ['u-2', 'u-3'], detail: '' };
    const item: TimelineItem = {
      key: 's',
      status: 'sent',
      message: aMessage({ seq: 3, kind: 'system', senderId: '', text: '', system }),
      error: null,
    };

    const english = await render(item);
    const chinese = await render(item, { locale: 'zh-CN' });

    expect(english.get('[data-testid="system-message"]').text()).toBe('Ada removed Grace, Alan.');
    expect(chinese.get('[data-testid="system-message"]').text()).toBe(
      zhCN.system.kick.replace('{actor}', 'Ada').replace('{targets}', 'Grace, Alan'),
    );
  });

  it('stands out when it mentions the viewer, and not once it is recalled', async () => {
    const mentioned = await render(row('sent'), { mine: false, mentionsMe: true });
    expect(mentioned.get('[data-testid="message"]').attributes('data-mentions-me')).toBe('true');

    const recalled = { ...row('sent'), message: aMessage({ seq: 7, recalled: true }) };
    const gone = await render(recalled, { mine: false, mentionsMe: true });
    expect(gone.get('[data-testid="message"]').attributes('data-mentions-me')).toBeUndefined();
    const plain = await render(row('sent'), { mine: false });
    expect(plain.get('[data-testid="message"]').attributes('data-mentions-me')).toBeUndefined();
  });

  it('shows no quote on a recalled reply', async () => {
    const recalled = {
      ...row('sent'),
      message: aMessage({ seq: 7, recalled: true, replyToSeq: 3 }),
    };
    const { wrapper } = await mountWithApp(ChatMessageItem, {
      props: {
        item: recalled,
        mine: false,
        senderName: 'Ada',
        personName: (id: string) => names[id] ?? '?',
        quote: { name: 'Grace', text: 'the question' },
      },
    });
    expect(wrapper.find('[data-testid="message-quote"]').exists()).toBe(false);
    expect(wrapper.text()).toContain(en.chat.recalledNote);
  });
});
