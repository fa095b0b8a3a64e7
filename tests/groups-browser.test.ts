/// <reference lib="dom" />
// Groups in Chromium: finding and joining a public one, inviting, muting, removing and leaving,
// with the people involved on different gateways.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { shootingOnFailure, shotsDir } from './browser.fixture.js';
import { leaveAll, search, sessionItem, threePeople, type Person } from './people.fixture.js';
import { startProcessStack, type ProcessStack } from './stack.fixture.js';

let stack: ProcessStack;
let ann: Person;
let bo: Person;
let cy: Person;
let groupId: string;

function systemNote(page: Page, text: RegExp) {
  return page.getByTestId('system-message').filter({ hasText: text });
}

function memberItem(page: Page, userId: string) {
  return page.locator(`[data-testid="member-item"][data-user-id="${userId}"]`);
}

async function openMembers(page: Page): Promise<void> {
  await page.getByTestId('members-button').click();
  await page.getByTestId('member-list').waitFor();
}

const shooting = (name: string, body: () => Promise<void>) =>
  shootingOnFailure(name, () => ({ Ann: ann.page, Bo: bo.page, Cy: cy.page }), body);

describe('groups in the browser across two gateways', () => {
  before(async () => {
    mkdirSync(shotsDir, { recursive: true });
    stack = await startProcessStack({ auth: { SCRYPT_COST: '4096' } });
    ({ ann, bo, cy } = await threePeople(stack.gateways));
  });

  after(async () => {
    await leaveAll([ann, bo, cy]);
    await stack.stop();
  });

  it(
    'B finds A`s public group by name and joins it; A sees B arrive',
    shooting('group-join', async () => {
      await ann.page.getByTestId('new-group-button').click();
      await ann.page.getByTestId('group-name-input').fill('Hiking Sundays');
      await ann.page.getByTestId('group-visibility').selectOption('public');
      await ann.page.getByTestId('create-group-submit').click();
      await ann.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      groupId = ann.page.url().split('/').pop()!;

      await bo.page.getByTestId('browse-groups-button').click();
      await bo.page.getByTestId('group-search').fill('hiking');
      await bo.page.getByTestId('group-search').press('Enter');
      const listed = bo.page.locator(`[data-testid="public-group"][data-session-id="${groupId}"]`);
      await listed.getByTestId('join-button').click();
      await bo.page.waitForURL(`**/chat/${groupId}`);
      await sessionItem(bo.page, groupId).waitFor();

      await systemNote(ann.page, /Bo joined\./).waitFor();
    }),
  );

  it(
    'A invites C from the member list, and the group appears in C`s list',
    shooting('group-invite', async () => {
      await openMembers(ann.page);
      await ann.page.getByTestId('invite-button').click();
      await (await search(ann.page, 'Cy', cy.id)).getByTestId('invite-user').click();

      await memberItem(ann.page, cy.id).waitFor();
      await sessionItem(cy.page, groupId).waitFor();
      await sessionItem(cy.page, groupId).click();
      await systemNote(cy.page, /Ann added you\./).waitFor();
    }),
  );

  it(
    'A mutes B; B is told why a send fails',
    shooting('group-mute', async () => {
      await memberItem(ann.page, bo.id).getByTestId('member-mute').click();
      await systemNote(bo.page, /Ann muted you\./).waitFor();

      await bo.page.getByTestId('message-input').fill('can I still talk?');
      await bo.page.getByTestId('message-input').press('Enter');
      const failed = bo.page.locator('[data-testid="message"][data-status="failed"]');
      await failed.waitFor();
      assert.match((await failed.textContent()) ?? '', /muted/i);
    }),
  );

  it(
    'A removes C, and the group leaves C`s list',
    shooting('group-kick', async () => {
      await memberItem(ann.page, cy.id).getByTestId('member-kick').click();
      await sessionItem(cy.page, groupId).waitFor({ state: 'detached' });
      await memberItem(ann.page, cy.id).waitFor({ state: 'detached' });
      await ann.page.getByTestId('members-close').click();
      await systemNote(ann.page, /You removed Cy\./).waitFor();
    }),
  );

  it(
    'B leaves after confirming, and the group leaves B`s list',
    shooting('group-leave', async () => {
      await openMembers(bo.page);
      await bo.page.getByTestId('leave-button').click();
      await bo.page.getByTestId('confirm-yes').click();
      await sessionItem(bo.page, groupId).waitFor({ state: 'detached' });
      await systemNote(ann.page, /Bo left\./).waitFor();
    }),
  );
});
