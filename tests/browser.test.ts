/// <reference lib="dom" />
// The page functions below run inside Chromium, where the DOM exists.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '@chat/testkit';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.fixture.js';
import { startProcessStack, type ProcessStack } from './stack.fixture.js';

let stack: ProcessStack;
let gateways: ProcessStack['gateways'];
const browsers: Browser[] = [];
const shots = join(repoRoot, 'test-results');

const person = { email: 'lin@example.com', nickname: 'Lin', password: 'tea time 42' };

async function newPage(viewport?: { width: number; height: number }): Promise<Page> {
  const browser = await openBrowser(viewport);
  browsers.push(browser);
  return browser.context.newPage();
}

async function logIn(page: Page, base: string, password = person.password): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(person.email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('the web app in Chromium against two gateway processes', () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startProcessStack({ auth: { SCRYPT_COST: '4096' } });
    gateways = stack.gateways;
  });

  after(async () => {
    for (const b of browsers) await b.close();
    await stack.stop();
  });

  it('registers on gateway 1 and shows the profile, connected over WebSocket', async () => {
    const page = await newPage();
    await page.goto(`${gateways[0]!.url}/register`);
    await page.getByTestId('register-email').fill(person.email);
    await page.getByTestId('register-nickname').fill(person.nickname);
    await page.getByTestId('register-password').fill(person.password);
    await page.getByTestId('register-gender').selectOption('female');
    await page.getByTestId('register-submit').click();

    await page.waitForURL('**/profile');
    assert.equal(await page.getByTestId('profile-nickname').textContent(), 'Lin');
    assert.equal(await page.getByTestId('profile-gender').getAttribute('data-gender'), 'female');
    await page.locator('[data-testid="ws-status"][data-status="online"]').waitFor();
    assert.equal((await page.getByTestId('gateway-id').textContent())?.trim(), 'gw-1');
    await page.screenshot({ path: join(shots, 'profile-desktop.png') });
  });

  it('logs in with the same account on gateway 2, in another browser', async () => {
    const page = await newPage();
    await logIn(page, gateways[1]!.url);

    await page.waitForURL('**/profile');
    assert.match((await page.getByTestId('profile-email').textContent()) ?? '', /lin@example\.com/);
    assert.equal(await page.getByTestId('profile-nickname').textContent(), 'Lin');
    await page.locator('[data-testid="ws-status"][data-status="online"]').waitFor();
    assert.equal((await page.getByTestId('gateway-id').textContent())?.trim(), 'gw-2');

    await page.getByTestId('profile-edit-nickname').fill('Lin Wei');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    assert.equal(await page.getByTestId('profile-nickname').textContent(), 'Lin Wei');
  });

  it('shows a clear error for a wrong password, in the chosen language', async () => {
    const page = await newPage();
    await logIn(page, gateways[0]!.url, 'not the password 1');
    const error = page.getByTestId('form-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /password/i);

    await page.getByTestId('locale-switch').selectOption('zh-CN');
    await page.getByTestId('login-submit').click();
    await page.waitForFunction(() =>
      /[\u4e00-\u9fff]/.test(
        document.querySelector('[data-testid="form-error"]')?.textContent ?? '',
      ),
    );
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await logIn(page, gateways[1]!.url);
    await page.waitForURL('**/profile');

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: join(shots, 'profile-phone.png'), fullPage: true });
  });

  it('says the service is unavailable while auth is killed, and works once it is back', async () => {
    const page = await newPage();
    await stack.kill('auth');

    await logIn(page, gateways[0]!.url);
    const error = page.getByTestId('form-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /unavailable/i);

    await stack.restart('auth');
    for (let i = 0; i < 20 && !page.url().endsWith('/profile'); i++) {
      await page.getByTestId('login-submit').click();
      await page.waitForTimeout(500);
    }
    await page.waitForURL('**/profile');
  });
});
