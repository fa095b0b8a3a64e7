import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IDLE_CORES, isIdle, waitIdle, withoutLoad } from './idle.js';

describe('isIdle', () => {
  it('counts a tenth of a core over a second as idle', () => {
    assert.equal(isIdle(0.1, 1), true);
  });

  it('counts the threshold itself and anything above it as busy', () => {
    assert.equal(isIdle(IDLE_CORES, 1), false);
    assert.equal(isIdle(1.5, 1), false);
  });

  it('adds the cores of several processes, so two half-idle ones are busy together', () => {
    assert.equal(isIdle(0.05 + 0.12, 1), false);
  });

  it('refuses to judge an empty window', () => {
    assert.equal(isIdle(0, 0), false);
  });
});

describe('waitIdle', () => {
  it('finds processes that are gone idle in the first window', async () => {
    assert.equal(await waitIdle({ ghost: 2 ** 22 + 7 }, 5_000), 0);
  });
});

describe('withoutLoad', () => {
  it('keeps every process but the load generator', () => {
    assert.deepEqual(withoutLoad({ load: 1, nats: 2, session: 3 }), { nats: 2, session: 3 });
  });
});
