import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pipeTable, resultsName, seriesTable } from './report.js';
import { seriesOf, stepOf } from './series.fixture.js';

describe('pipeTable', () => {
  it('pads every column to its widest cell so that the text lines up', () => {
    const table = pipeTable(['a', 'long head'], [['wide cell', '1']]);

    assert.equal(
      table,
      ['| a         | long head |', '|-----------|-----------|', '| wide cell | 1         |'].join(
        '\n',
      ),
    );
  });

  it('prints the head and rule alone when there are no rows', () => {
    assert.equal(pipeTable(['x'], []), '| x |\n|---|');
  });
});

describe('resultsName', () => {
  const at = new Date('2026-12-03T20:24:44.512Z');

  it('names the tool and the UTC second without colons', () => {
    assert.equal(resultsName('load-message', at, false), 'load-message-2026-12-03T20-24-44.json');
  });

  it('marks a quick run in the name', () => {
    assert.equal(resultsName('load-auth', at, true), 'load-auth-2026-12-03T20-24-44-quick.json');
  });
});

describe('seriesTable', () => {
  const cpu = { message: 1.5, database: 2 };
  const send = seriesOf('send', [stepOf(10, 50, 20, cpu)]);

  it('has a CPU column per process asked for, with the median seconds', () => {
    const [head, , row] = seriesTable([send], [['database', 'db']]).split('\n');

    assert.match(head!, /\| db cpu-s \|/);
    assert.doesNotMatch(head!, /msg cpu-s/);
    assert.match(row!, /\| 2\.00 +\|/);
  });

  it('adds the documents stored only when a series counted them', () => {
    const counted = seriesTable([{ ...send, storedAtStart: 1234 }], [], 'messages');

    assert.doesNotMatch(seriesTable([send], []), /stored/);
    assert.match(counted.split('\n')[0]!, /^\| series +\| messages \| offered\/s/);
    assert.match(counted.split('\n')[2]!, /^\| send ¹ +\| 1234 +\| 10 /);
  });
});
