import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { describeLog, summarizeLog } from './logs.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-logs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function logFile(lines: string[]): string {
  const file = join(dir, `${lines.length}-${Math.random()}.log`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('summarizeLog', () => {
  it('counts lines by level and groups equal messages, most frequent first', () => {
    const warn = JSON.stringify({ level: 40, msg: 'outbox pass failed' });
    const error = JSON.stringify({ level: 50, msg: 'send failed', err: { message: 'deadline' } });

    const summary = summarizeLog(logFile([warn, error, error, 'not json']));

    assert.deepEqual(summary.counts, { warn: 1, error: 2, other: 1 });
    assert.deepEqual(summary.messages[0], {
      level: 'error',
      msg: 'send failed: deadline',
      count: 2,
    });
  });

  it('reads a missing file as an empty log', () => {
    assert.deepEqual(summarizeLog(join(dir, 'absent.log')).counts, {});
  });
});

describe('describeLog', () => {
  it('says so when a service logged nothing at warn or above', () => {
    assert.equal(
      describeLog('auth', { file: 'x', counts: {}, messages: [] }),
      'auth log: nothing at warn or above',
    );
  });

  it('gives the counts and the most frequent message', () => {
    const log = {
      file: 'x',
      counts: { warn: 3, error: 1 },
      messages: [{ level: 'warn', msg: 'activity update failed', count: 3 }],
    };

    assert.equal(
      describeLog('session', log),
      'session log: warn×3 error×1; most often (warn×3): activity update failed',
    );
  });
});
