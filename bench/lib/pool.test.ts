import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachLimited, range } from './pool.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('eachLimited', () => {
  it('answers in the order of the items however the calls interleave', async () => {
    const out = await eachLimited([3, 1, 2], 3, async (n) => {
      for (let i = 0; i < n; i++) await tick();
      return n * 10;
    });

    assert.deepEqual(out, [30, 10, 20]);
  });

  it('never has more than the given number of calls open', async () => {
    let open = 0;
    let most = 0;

    await eachLimited([...Array(20).keys()], 4, async () => {
      most = Math.max(most, ++open);
      await tick();
      open -= 1;
    });

    assert.equal(most, 4);
  });

  it('rejects with the first failure', async () => {
    const run = eachLimited([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two failed');
      return n;
    });

    await assert.rejects(run, /two failed/);
  });

  it('resolves an empty list at once', async () => {
    assert.deepEqual(await eachLimited([], 8, async () => 1), []);
  });
});

describe('range', () => {
  it('counts from zero up to one below its argument', () => {
    assert.deepEqual(range(3), [0, 1, 2]);
    assert.deepEqual(range(0), []);
  });
});
