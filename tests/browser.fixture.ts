import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@chat/testkit';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, kept off the network: no background fetches, no component updates.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile: one per simulated person, sharing no storage. */
export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where browser tests leave their screenshots. */
export const shotsDir = join(repoRoot, 'test-results');

/**
 * Wraps a test body: when it fails, each page named by `pages` is saved as a screenshot in
 * test-results/, so a failure in CI can be looked at.
 */
export function shootingOnFailure(
  name: string,
  pages: () => Record<string, Page>,
  body: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (err) {
      for (const [who, page] of Object.entries(pages())) {
        const path = join(shotsDir, `failed-${name}-${who}.png`);
        await page.screenshot({ path }).catch(() => undefined);
      }
      throw err;
    }
  };
}
