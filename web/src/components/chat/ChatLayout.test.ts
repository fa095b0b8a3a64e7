import { describe, expect, it } from 'vitest';
import { mountWithApp } from '../../test/mountWithApp';
import ChatLayout from './ChatLayout.vue';

async function panes(narrow: boolean, showDetail: boolean) {
  const { wrapper } = await mountWithApp(ChatLayout, { props: { narrow, showDetail } });
  return {
    list: wrapper.find('[data-testid="chat-pane-list"]').exists(),
    detail: wrapper.find('[data-testid="chat-pane-detail"]').exists(),
  };
}

describe('ChatLayout', () => {
  it('shows the list and the detail side by side on a wide screen', async () => {
    expect(await panes(false, false)).toEqual({ list: true, detail: true });
    expect(await panes(false, true)).toEqual({ list: true, detail: true });
  });

  it('shows one pane at a time on a phone: the list, or the detail once one is chosen', async () => {
    expect(await panes(true, false)).toEqual({ list: true, detail: false });
    expect(await panes(true, true)).toEqual({ list: false, detail: true });
  });
});
