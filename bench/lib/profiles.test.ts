import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs, type Ladders, type Profile } from './profiles.js';

const timing = {
  warmupMs: 1,
  measureMs: 1,
  reps: 1,
  timeoutMs: 1,
  maxInFlight: 1,
  drainMaxMs: 1,
  quietMaxMs: 1,
};
const full: Profile<'a' | 'b'> = {
  name: 'full',
  timing,
  rates: { a: [1, 2], b: [3] },
  deadlineMs: 10,
};
const ladders: Ladders<'a' | 'b', typeof full> = {
  program: 'bench/load-x.ts',
  series: ['a', 'b'],
  extras: ['probe'],
  full,
  quick: { ...full, name: 'quick', rates: { a: [9], b: [9] } },
};

describe('parseArgs', () => {
  it('runs the full profile with every series and extra when given nothing', () => {
    const { profile, only } = parseArgs([], ladders);

    assert.equal(profile.name, 'full');
    assert.deepEqual(only, ['a', 'b', 'probe']);
  });

  it('picks the quick profile wherever --quick stands', () => {
    assert.equal(parseArgs(['--only=a', '--quick'], ladders).profile.name, 'quick');
  });

  it('replaces one ladder without touching the profile it came from', () => {
    const { profile } = parseArgs(['--rates=a=5,50'], ladders);

    assert.deepEqual(profile.rates, { a: [5, 50], b: [3] });
    assert.deepEqual(full.rates.a, [1, 2]);
  });

  it('keeps the order of --only and accepts extras in it', () => {
    assert.deepEqual(parseArgs(['--only=probe,b'], ladders).only, ['probe', 'b']);
  });

  it('names the program in the usage when an argument is unknown', () => {
    assert.throws(() => parseArgs(['--fast'], ladders), /unknown argument --fast\nusage: .*load-x/);
  });

  it('refuses a series that does not exist and rates that are not positive numbers', () => {
    assert.throws(() => parseArgs(['--only=c'], ladders), /no series named c/);
    assert.throws(() => parseArgs(['--rates=probe=5'], ladders), /no series named probe/);
    assert.throws(() => parseArgs(['--rates=a=5,x'], ladders), /rates must be numbers/);
    assert.throws(() => parseArgs(['--rates=a=0'], ladders), /rates must be numbers/);
  });
});
