import { describe, expect, it } from 'vitest';
import { mountWithApp } from '../../test/mountWithApp';
import ChatComposer from './ChatComposer.vue';

const members = [
  { id: 'u-2', name: 'Grace' },
  { id: 'u-3', name: 'Alan' },
];

async function composer() {
  const { wrapper } = await mountWithApp(ChatComposer, {
    props: { members, replyTo: null, editing: null },
  });
  return wrapper;
}

describe('ChatComposer', () => {
  it('sends the trimmed text and clears the input', async () => {
    const wrapper = await composer();

    await wrapper.get('[data-testid="message-input"]').setValue('  hello  ');
    await wrapper.get('form').trigger('submit');

    expect(wrapper.emitted('send')).toEqual([['hello', []]]);
    expect(
      (wrapper.get('[data-testid="message-input"]').element as HTMLTextAreaElement).value,
    ).toBe('');
  });

  it('lists matching members after @ and puts the picked one in mentionIds', async () => {
    const wrapper = await composer();
    const input = wrapper.get('[data-testid="message-input"]');

    await input.setValue('hi @gr');
    await input.trigger('input');
    const options = wrapper.findAll('[data-testid="mention-option"]');
    expect(options.map((o) => o.attributes('data-user-id'))).toEqual(['u-2']);

    await options[0]!.trigger('click');
    expect((input.element as HTMLTextAreaElement).value).toBe('hi @Grace ');
    expect(wrapper.find('[data-testid="mention-picker"]').exists()).toBe(false);

    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('send')).toEqual([['hi @Grace', ['u-2']]]);
  });

  it('asks to send a typing frame while text is typed', async () => {
    const wrapper = await composer();

    await wrapper.get('[data-testid="message-input"]').setValue('h');
    await wrapper.get('[data-testid="message-input"]').trigger('input');

    expect(wrapper.emitted('typing')?.length).toBeGreaterThan(0);
  });
});
