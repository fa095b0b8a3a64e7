import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuBetween, parseMachineStat, parseStat, readStat, snapshot } from './cpu.js';

// A line as the kernel writes it, with `name` as the command; utime 250, stime 75, rss 1000.
function statLine(name: string): string {
  const after = ['S', '1', '1', '1', '0', '-1', '4194304', '10', '0', '0', '0', '250', '75'];
  const tail = ['0', '0', '20', '0', '7', '0', '1500', '1000000', '1000', '1844674407'];
  return `4242 (${name}) ${[...after, ...tail].join(' ')}\n`;
}

describe('parseStat', () => {
  it('reads user and system seconds and the resident size of a plain name', () => {
    assert.deepEqual(parseStat(statLine('node')), {
      user: 2.5,
      system: 0.75,
      rssBytes: 1000 * 4096,
    });
  });

  it('counts fields from the last parenthesis when the name holds spaces and parentheses', () => {
    const odd = parseStat(statLine('a b) 1 2 (c d'));

    assert.equal(odd.user, 2.5);
    assert.equal(odd.system, 0.75);
  });

  it('refuses a line without a command name', () => {
    assert.throws(() => parseStat('4242 node S 1 1'), /no command name/);
  });

  it('refuses a truncated line instead of reading garbage', () => {
    assert.throws(() => parseStat('4242 (node) S 1 1 1'), /field 14 missing/);
  });
});

describe('reading this process', () => {
  it('sees the CPU time a busy loop spends grow', () => {
    const before = snapshot({ self: process.pid });
    const own = process.cpuUsage();
    const giveUp = Date.now() + 2_000;
    while (process.cpuUsage(own).user < 100_000 && Date.now() < giveUp) Math.sqrt(Math.random());
    const spent = cpuBetween(before, snapshot({ self: process.pid }))['self']!;

    // Spinning until the process has used 100 ms of CPU; /proc counts in 10 ms ticks.
    assert.ok(spent >= 0.08 && spent < 5, `spent ${spent} s`);
    assert.ok(readStat(process.pid).rssBytes > 1024 * 1024);
  });

  it('reads a process that is gone as zero instead of failing the run', () => {
    const gone = snapshot({ ghost: 2 ** 22 + 7 });

    assert.deepEqual(gone['ghost'], { user: 0, system: 0, rssBytes: 0 });
  });
});

describe('parseMachineStat', () => {
  it('adds user, nice, system, irq and softirq as busy time and keeps steal apart', () => {
    const text = 'cpu  1000 50 300 9000 40 0 10 200 0 0\ncpu0 500 25 150 4500 20 0 5 100 0 0\n';

    assert.deepEqual(parseMachineStat(text), { busy: 13.6, steal: 2 });
  });

  it('refuses text that is not the summary line', () => {
    assert.throws(() => parseMachineStat('intr 1 2 3'), /not a \/proc\/stat cpu line/);
  });
});
