/// <reference lib="dom" />
// People chatting in Chromium: A on gateway 1, B on gateway 2, C on gateway 1, each in a browser
// of their own, through real processes of every service.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { shootingOnFailure, shotsDir } from './browser.fixture.js';
import {
  leaveAll,
  online,
  postOverSocket,
  search,
  sessionItem,
  threePeople,
  type Person,
} from './people.fixture.js';
import { startProcessStack, type ProcessStack } from './stack.fixture.js';

const shots = shotsDir;
let stack: ProcessStack;
let ann: Person;
let bo: Person;
let cy: Person;
let privateId: string;
let groupId: string;

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('message-input').fill(text);
  await page.getByTestId('message-input').press('Enter');
  await sentMessage(page, text).waitFor();
}

function sentMessage(page: Page, text: string) {
  return page.locator('[data-testid="message"][data-status="sent"]', { hasText: text });
}

/** The texts of the chat's messages from the top, system notes left out. */
async function texts(page: Page): Promise<string[]> {
  const bubbles = page.locator('[data-testid="message"]:not(:has([data-testid="system-message"]))');
  return (await bubbles.locator('.message__text').allTextContents()).map((t) => t.trim());
}

const shooting = (name: string, body: () => Promise<void>) =>
  shootingOnFailure(name, () => ({ Ann: ann.page, Bo: bo.page, Cy: cy.page }), body);

describe('chatting in the browser across two gateways', () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startProcessStack({ auth: { SCRYPT_COST: '4096' } });
    ({ ann, bo, cy } = await threePeople(stack.gateways));
  });

  after(async () => {
    await leaveAll([ann, bo, cy]);
    await stack.stop();
  });

  it(
    'A on gateway 1 opens a private chat with B on gateway 2, and B sees it arrive live',
    shooting('private', async () => {
      await ann.page.getByTestId('find-people-button').click();
      await (await search(ann.page, 'Bo', bo.id)).getByTestId('start-private').click();
      await ann.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      privateId = ann.page.url().split('/').pop()!;

      await say(ann.page, 'Hello Bo, this is Ann');
      const item = sessionItem(bo.page, privateId);
      await item.getByTestId('unread-badge').waitFor();
      assert.equal((await item.getByTestId('unread-badge').textContent())?.trim(), '1');
      assert.match((await item.textContent()) ?? '', /Hello Bo/);
    }),
  );

  it(
    'B answers, each sees the other type and the messages arrive without a reload',
    shooting('typing', async () => {
      await sessionItem(bo.page, privateId).click();
      await sentMessage(bo.page, 'Hello Bo, this is Ann').waitFor();
      await ann.page.getByTestId('chat-view').waitFor();
      const receipt = sentMessage(ann.page, 'Hello Bo').getByTestId('seen-mark');
      assert.equal((await receipt.textContent())?.trim(), 'Seen');

      await bo.page.getByTestId('message-input').pressSequentially('Hi Ann');
      await ann.page.getByTestId('typing-indicator').waitFor();
      assert.match((await ann.page.getByTestId('typing-indicator').textContent()) ?? '', /Bo/);

      await bo.page.getByTestId('message-input').press('Enter');
      await sentMessage(bo.page, 'Hi Ann').waitFor();
      await sentMessage(ann.page, 'Hi Ann').waitFor();
      assert.deepEqual(await texts(ann.page), ['Hello Bo, this is Ann', 'Hi Ann']);
      await ann.page.screenshot({ path: join(shots, 'chat-private-desktop.png') });
    }),
  );

  it(
    'A makes a group of three; B and C find it in their lists and all chat live',
    shooting('group', async () => {
      await ann.page.getByTestId('new-group-button').click();
      await ann.page.getByTestId('group-name-input').fill('Tea club');
      await ann.page.getByTestId('group-visibility').selectOption('invite');
      await (await search(ann.page, 'Bo', bo.id)).getByTestId('group-add-member').click();
      await (await search(ann.page, 'Cy', cy.id)).getByTestId('group-add-member').click();
      await ann.page.getByTestId('create-group-submit').click();
      await ann.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      groupId = ann.page.url().split('/').pop()!;
      assert.notEqual(groupId, privateId);
      assert.equal(await ann.page.getByTestId('chat-title').textContent(), 'Tea club');

      await sessionItem(cy.page, groupId).click();
      await sessionItem(bo.page, groupId).click();
      await say(cy.page, 'Cy here, on gateway 1');
      await sentMessage(bo.page, 'Cy here, on gateway 1').waitFor();
      await sentMessage(ann.page, 'Cy here, on gateway 1').waitFor();

      await say(bo.page, 'Bo here, on gateway 2');
      await sentMessage(cy.page, 'Bo here, on gateway 2').waitFor();
      await sentMessage(ann.page, 'Bo here, on gateway 2').waitFor();
      const receipt = sentMessage(cy.page, 'Cy here').getByTestId('seen-mark');
      await receipt.filter({ hasText: 'Seen by 2' }).waitFor();
      await cy.page.screenshot({ path: join(shots, 'chat-group-desktop.png') });
    }),
  );

  it(
    'B reloads and finds both histories, in order',
    shooting('reload', async () => {
      await bo.page.reload();
      await online(bo.page);
      await sentMessage(bo.page, 'Bo here, on gateway 2').waitFor();
      assert.deepEqual(await texts(bo.page), ['Cy here, on gateway 1', 'Bo here, on gateway 2']);

      await sessionItem(bo.page, privateId).click();
      await sentMessage(bo.page, 'Hi Ann').waitFor();
      assert.deepEqual(await texts(bo.page), ['Hello Bo, this is Ann', 'Hi Ann']);
    }),
  );

  it(
    'A replies to B with a mention, edits and recalls it, and B sees each step live',
    shooting('changes', async () => {
      await sessionItem(ann.page, groupId).click();
      await sessionItem(bo.page, groupId).click();
      const original = sentMessage(ann.page, 'Bo here, on gateway 2');
      await original.getByTestId('reply-button').click();
      await ann.page.getByTestId('reply-preview').waitFor();

      await ann.page.getByTestId('message-input').pressSequentially('@B');
      await ann.page.locator(`[data-testid="mention-option"][data-user-id="${bo.id}"]`).click();
      await ann.page.getByTestId('message-input').pressSequentially('see you at 5');
      await ann.page.getByTestId('message-input').press('Enter');
      const atBo = sentMessage(bo.page, 'see you at 5');
      await atBo.waitFor();
      assert.equal(await atBo.getAttribute('data-mentions-me'), 'true');
      assert.match((await atBo.getByTestId('message-quote').textContent()) ?? '', /Bo here/);

      await sentMessage(ann.page, 'see you at 5').getByTestId('edit-button').click();
      await ann.page.getByTestId('message-input').fill('@Bo see you at 6');
      await ann.page.getByTestId('message-input').press('Enter');
      const edited = sentMessage(bo.page, 'see you at 6');
      await edited.waitFor();
      assert.match((await edited.textContent()) ?? '', /edited/);

      await sentMessage(ann.page, 'see you at 6').getByTestId('recall-button').click();
      await sentMessage(bo.page, 'This message was deleted.').waitFor();
      assert.equal(await sentMessage(bo.page, 'see you at').count(), 0);
    }),
  );

  it(
    'A finds older history by scrolling up',
    shooting('history', async () => {
      const base = stack.gateways[1]!.url;
      const opened = await fetch(`${base}/api/sessions/private`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cy.token}` },
        body: JSON.stringify({ peerId: ann.id }),
      });
      const { session } = (await opened.json()) as { session: { id: string } };
      const texts = Array.from({ length: 60 }, (_, i) => `old ${i + 1}`);
      await postOverSocket(base, cy.token, session.id, texts);

      await sessionItem(ann.page, session.id).click();
      await sentMessage(ann.page, 'old 60').waitFor();
      const first = ann.page.locator('[data-testid="message"][data-seq="1"]');
      assert.equal(await first.count(), 0, 'one page at first');

      await ann.page.getByTestId('message-list').evaluate((list) => list.scrollTo(0, 0));
      await first.waitFor();
      assert.equal(await ann.page.getByTestId('load-older').count(), 0, 'nothing older is left');
    }),
  );

  it(
    'marks a send failed while the message service is down, and the retry stores it once',
    shooting('retry', async () => {
      await sessionItem(bo.page, groupId).click();
      await sentMessage(bo.page, 'Bo here, on gateway 2').waitFor();
      await stack.kill('message');
      await ann.page.goto(`${stack.gateways[0]!.url}/chat/${groupId}`);
      await online(ann.page);
      await ann.page.getByTestId('message-input').fill('Sent while it was down');
      await ann.page.getByTestId('message-input').press('Enter');
      const failed = ann.page.locator('[data-testid="message"][data-status="failed"]', {
        hasText: 'Sent while it was down',
      });
      await failed.waitFor();
      assert.match((await failed.textContent()) ?? '', /unavailable/i);

      await stack.restart('message');
      await failed.getByTestId('retry-button').click();
      await sentMessage(ann.page, 'Sent while it was down').waitFor();
      await sentMessage(ann.page, 'Bo here, on gateway 2').waitFor();
      await sentMessage(bo.page, 'Sent while it was down').waitFor();
      await bo.page.reload();
      await sentMessage(bo.page, 'Sent while it was down').waitFor();
      const copies = (await texts(bo.page)).filter((t) => t === 'Sent while it was down');
      assert.equal(copies.length, 1);
    }),
  );

  it(
    'shows one pane at a time on a phone, with a way back to the list',
    shooting('phone', async () => {
      await cy.page.setViewportSize({ width: 360, height: 740 });
      await cy.page.goto(`${stack.gateways[0]!.url}/chat`);
      await sessionItem(cy.page, groupId).click();
      await sentMessage(cy.page, 'Bo here, on gateway 2').waitFor();
      assert.equal(await cy.page.getByTestId('session-list').count(), 0);

      const overflow = await cy.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      await cy.page.screenshot({ path: join(shots, 'chat-group-phone.png') });
      await cy.page.getByTestId('back-button').click();
      await sessionItem(cy.page, groupId).waitFor();
    }),
  );
});
