import type { SeriesResult } from './series.js';

export interface Bar {
  label: string;
  value: number;
  /** Printed after the bar instead of the value. */
  text: string;
}

const FULL = '█';
// Eighths of a block, so that short bars still differ: ▏ is one eighth, ▉ seven.
const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar chart in plain text, scaled so that the largest bar is `width` wide. */
export function barChart(bars: Bar[], width = 40): string {
  const most = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...bars.map((b) => b.label.length));

  return bars
    .map((b) => {
      const eighths = most > 0 ? Math.round((b.value / most) * width * 8) : 0;
      const bar = FULL.repeat(Math.floor(eighths / 8)) + PARTS[eighths % 8];
      const shown = b.value > 0 && bar === '' ? PARTS[1]! : bar;
      return `${b.label.padEnd(labelWidth)} ${shown.padEnd(width)} ${b.text}`.trimEnd();
    })
    .join('\n');
}

/**
 * The highest rate each series sustained within its limits, as bars; a series that met them
 * at no step shows as empty, with what its first step achieved.
 */
export function bestRatesChart(series: SeriesResult[], width = 40): string {
  const bars = series.map((s) => {
    const best = s.best === null ? null : s.steps[s.best]!;
    if (best) {
      const { achieved, latency } = best.median;
      const text = `${achieved.toFixed(1)}/s (p99 ${latency.p99.toFixed(0)} ms)`;
      return { label: s.key, value: best.median.achieved, text };
    }
    const first = s.steps[0];
    const text = first
      ? `none within limits; at ${first.rate}/s: ${first.median.achieved.toFixed(1)}/s, ` +
        `p99 ${first.median.latency.p99.toFixed(0)} ms`
      : 'not run';
    return { label: s.key, value: 0, text };
  });
  return barChart(bars, width);
}
