import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.fixture.js';

/** Someone using the web app in a browser of their own. */
export interface Person {
  nickname: string;
  email: string;
  id: string;
  page: Page;
  browser: Browser;
}

const PASSWORD = 'green tea 42';

/**
 * A new account, registered over the API of the gateway at `base`, then logged in through the
 * page as a person would, ending on the chat screen, connected.
 */
export async function arrive(base: string, nickname: string): Promise<Person> {
  const email = `${nickname.toLowerCase()}-${Date.now()}@example.com`;
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, nickname, password: PASSWORD, gender: 'unspecified' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { user } = (await res.json()) as { user: { id: string } };

  const browser = await openBrowser();
  const page = await browser.context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL('**/profile');
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('session-list').waitFor();
  await online(page);
  return { nickname, email, id: user.id, page, browser };
}

export async function online(page: Page): Promise<void> {
  await page.locator('[data-testid="ws-status"][data-status="online"]').waitFor();
}

/** Searches users by nickname and returns the result row of `userId`. */
export async function search(page: Page, nickname: string, userId: string) {
  await page.getByTestId('user-search').fill(nickname);
  await page.getByTestId('user-search').press('Enter');
  const result = page.locator(`[data-testid="user-search-result"][data-user-id="${userId}"]`);
  await result.waitFor();
  return result;
}

export function sessionItem(page: Page, sessionId: string) {
  return page.locator(`[data-testid="session-item"][data-session-id="${sessionId}"]`);
}
