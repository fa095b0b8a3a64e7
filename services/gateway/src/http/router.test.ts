import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@chat/kit';
import { parseJsonObject } from './body.js';
import { optionalString, queryInt, requiredString } from './fields.js';
import { Router } from './router.js';

const ok = async () => ({ status: 200 });

describe('Router', () => {
  const router = new Router().add('GET', '/api/users/:id', ok).add('GET', '/api/users', ok);

  it('matches a path with parameters, decoded', () => {
    assert.deepEqual(router.match('GET', '/api/users/a%20b').params, { id: 'a b' });
    assert.deepEqual(router.match('GET', '/api/users').params, {});
  });

  it('tells an unknown path (404) from a wrong method (405)', () => {
    const code = (method: string, path: string) => {
      try {
        router.match(method, path);
        return 'matched';
      } catch (err) {
        return `${(err as AppError).status} ${(err as AppError).code}`;
      }
    };
    assert.equal(code('GET', '/api/users/1/extra'), '404 not_found');
    assert.equal(code('POST', '/api/users/1'), '405 method_not_allowed');
  });
});

describe('request fields', () => {
  it('takes strings and refuses objects, numbers and over-long values, naming the field', () => {
    assert.equal(requiredString({ a: 'x' }, 'a'), 'x');
    assert.equal(optionalString({}, 'a'), undefined);

    for (const body of [{}, { a: { $ne: null } }, { a: 5 }, { a: 'x'.repeat(11) }]) {
      assert.throws(
        () => requiredString(body, 'a', 10),
        (err: unknown) =>
          err instanceof AppError && err.code === 'invalid_field' && err.field === 'a',
      );
    }
  });

  it('reads bounded non-negative integers from the query', () => {
    const q = new URLSearchParams('limit=20&bad=-1&big=51&hex=0x10');
    assert.equal(queryInt(q, 'limit', 5, 50), 20);
    assert.equal(queryInt(q, 'absent', 5, 50), 5);
    for (const name of ['bad', 'big', 'hex']) assert.throws(() => queryInt(q, name, 5, 50));
  });

  it('parses JSON objects only', () => {
    assert.deepEqual(parseJsonObject(Buffer.from('')), {});
    assert.deepEqual(parseJsonObject(Buffer.from('{"a":1}')), { a: 1 });
    for (const text of ['[]', '1', '"s"', 'null', '{']) {
      assert.throws(
        () => parseJsonObject(Buffer.from(text)),
        (err: unknown) => err instanceof AppError && err.code === 'invalid_json',
      );
    }
  });
});
