import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barChart, bestRatesChart } from './chart.js';
import { seriesOf, stepOf } from './series.fixture.js';

describe('barChart', () => {
  it('draws the largest value at full width and the others in proportion', () => {
    const chart = barChart(
      [
        { label: 'a', value: 10, text: '10/s' },
        { label: 'long', value: 5, text: '5/s' },
      ],
      8,
    );

    assert.equal(chart, ['a    ████████ 10/s', 'long ████     5/s'].join('\n'));
  });

  it('draws eighths of a block, and at least one eighth for any value above zero', () => {
    const chart = barChart(
      [
        { label: 'x', value: 100, text: '' },
        { label: 'y', value: 14, text: '' },
        { label: 'z', value: 0.1, text: '' },
        { label: 'w', value: 0, text: 'none' },
      ],
      4,
    );

    // 14% of 4 blocks is 4.5 eighths, drawn as four; 0.1% rounds to nothing and shows one.
    assert.deepEqual(chart.split('\n'), ['x ████', 'y ▌', 'z ▏', 'w      none']);
  });
});

describe('bestRatesChart', () => {
  it('shows the best step of each series, and what the first step did when none was within limits', () => {
    const good = { ...seriesOf('get', [stepOf(100, 500, 5, {}), stepOf(200, 900, 60, {})]) };
    const bad = { ...seriesOf('list', [stepOf(1, 5, 400, {})]), best: null };

    const lines = bestRatesChart([good, bad], 10).split('\n');

    assert.equal(lines[0], 'get  ██████████ 100.0/s (p99 10 ms)');
    assert.equal(lines[1], 'list            none within limits; at 1/s: 1.0/s, p99 800 ms');
  });
});
