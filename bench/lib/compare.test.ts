import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSeries } from './compare.js';
import { seriesOf as series, stepOf as step } from './series.fixture.js';

describe('compareSeries', () => {
  const pipeline = series('send', [
    step(100, 500, 20, { message: 1, database: 2, load: 1 }),
    step(200, 800, 80, { message: 2, database: 3, load: 3 }),
  ]);
  const baseline = series('driver', [
    step(100, 500, 4, { database: 0.5, load: 0.5 }),
    step(300, 1500, 5, { database: 1, load: 1 }),
  ]);

  it('pairs only the rates both series ran', () => {
    assert.deepEqual(
      compareSeries(pipeline, baseline).map((c) => c.rate),
      [100],
    );
  });

  it('divides the pipeline by the baseline, latency and CPU per request alike', () => {
    const [row] = compareSeries(pipeline, baseline);

    assert.deepEqual(row!.ratio, { achieved: 1, p50: 5, p99: 5, allCpu: 4 });
    assert.equal(row!.pipeline.dbCpuMs, 4);
    assert.equal(row!.baseline.allCpuMs, 2);
  });

  it('gives no ratio where the baseline measured nothing', () => {
    const empty = series('driver', [step(100, 0, 0, { database: 0 })]);

    assert.deepEqual(compareSeries(pipeline, empty)[0]!.ratio, {
      achieved: null,
      p50: null,
      p99: null,
      allCpu: null,
    });
  });
});
