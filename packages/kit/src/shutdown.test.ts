import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from './log.js';
import { installShutdown } from './shutdown.js';

const log = createLogger('test', 'silent');

describe('installShutdown', () => {
  it('runs the steps once, in order, even when one fails', async () => {
    const ran: string[] = [];
    const shutdown = installShutdown(
      [
        ['a', () => ran.push('a')],
        ['b', () => Promise.reject(new Error('b failed'))],
        ['c', () => ran.push('c')],
      ],
      log,
      1_000,
      () => assert.fail('no exit expected'),
    );

    await Promise.all([shutdown(), shutdown()]);
    assert.deepEqual(ran, ['a', 'c']);
  });

  it('exits with 1 when a step hangs past the watchdog', async () => {
    let exitCode: number | undefined;
    const shutdown = installShutdown(
      [['stuck', () => new Promise(() => undefined)]],
      log,
      50,
      (code) => (exitCode = code),
    );

    void shutdown();
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(exitCode, 1);
  });
});
