import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneAtATime } from './probe.js';

describe('oneAtATime', () => {
  it('makes the calls one after another and counts the failures apart', async () => {
    let open = 0;
    let most = 0;

    const probe = await oneAtATime(6, async () => {
      most = Math.max(most, ++open);
      await new Promise((r) => setImmediate(r));
      open -= 1;
    });

    assert.equal(most, 1);
    assert.equal(probe.count, 6);
    assert.equal(probe.errors, 0);
  });

  it('times only the calls that succeed', async () => {
    let n = 0;

    const probe = await oneAtATime(4, async () => {
      if (n++ % 2 === 1) throw new Error('refused');
    });

    assert.equal(probe.errors, 2);
    assert.ok(probe.p50Ms >= 0 && probe.machineCores >= 0);
  });

  it('reports zeros when every call fails', async () => {
    const probe = await oneAtATime(2, () => Promise.reject(new Error('down')));

    assert.deepEqual([probe.errors, probe.p50Ms, probe.maxMs], [2, 0, 0]);
  });
});
