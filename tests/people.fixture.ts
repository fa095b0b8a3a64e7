import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.fixture.js';

/** Someone using the web app in a browser of their own. */
export interface Person {
  nickname: string;
  email: string;
  id: string;
  page: Page;
  browser: Browser;
  /** An access token of a login of its own, for doing things over the API. */
  token: string;
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
  const { user, tokens } = (await res.json()) as {
    user: { id: string };
    tokens: { accessToken: string };
  };

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
  return { nickname, email, id: user.id, page, browser, token: tokens.accessToken };
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

/**
 * Posts `texts` into a session over a WebSocket of its own, one after another, each waiting for
 * its ack; a send refused by the rate limit is sent again with the same client message id.
 */
export async function postOverSocket(
  base: string,
  token: string,
  sessionId: string,
  texts: string[],
) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
  const answers = new Map<string, (frame: { type: string; code?: string }) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    answers.get(frame.ref)?.(frame);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

  for (const text of texts) {
    const clientMsgId = randomUUID();
    for (;;) {
      const id = randomUUID();
      const answer = new Promise<{ type: string; code?: string }>((r) => answers.set(id, r));
      ws.send(JSON.stringify({ type: 'send', id, sessionId, clientMsgId, kind: 'text', text }));
      const frame = await answer;
      if (frame.type === 'ack') break;
      assert.equal(frame.code, 'rate_limited', JSON.stringify(frame));
      await sleep(1_000);
    }
  }
  ws.close();
}

/** Ann and Cy on the first gateway, Bo on the second: the people of the browser tests. */
export async function threePeople(gateways: Array<{ url: string }>) {
  const [one, two] = gateways.map((g) => g.url) as [string, string];
  return {
    ann: await arrive(one, 'Ann'),
    bo: await arrive(two, 'Bo'),
    cy: await arrive(one, 'Cy'),
  };
}

/** Closes the browsers of everyone who arrived. */
export async function leaveAll(people: Array<Person | undefined>): Promise<void> {
  for (const person of people) await person?.browser.close();
}
