import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeRegex,
  normaliseEmail,
  normaliseNickname,
  parseGender,
  passwordWeakness,
} from './validate.js';

describe('account field rules', () => {
  it('normalises e-mails and refuses malformed ones', () => {
    assert.equal(normaliseEmail('  Ada@Example.COM '), 'ada@example.com');
    for (const bad of ['ada', 'ada@', '@example.com', 'a b@example.com', 'ada@example']) {
      assert.throws(() => normaliseEmail(bad), /valid e-mail/, bad);
    }
  });

  it('collapses spaces in nicknames and counts characters, not bytes', () => {
    assert.equal(normaliseNickname('  Ada   L. '), 'Ada L.');
    assert.equal(normaliseNickname('林'.repeat(32)), '林'.repeat(32));
    assert.throws(() => normaliseNickname('林'.repeat(33)));
    assert.throws(() => normaliseNickname('a\u0007b'), /control characters/);
  });

  it('accepts the four genders, empty meaning unspecified', () => {
    assert.equal(parseGender(''), 'unspecified');
    assert.equal(parseGender('other'), 'other');
    assert.throws(() => parseGender('Male'));
  });

  it('says why a password is weak', () => {
    assert.equal(passwordWeakness('abc12345', 'x@example.com'), undefined);
    assert.equal(passwordWeakness('abc1234', 'x@example.com'), 'at least 8 characters');
    assert.equal(passwordWeakness('abcdefgh', 'x@example.com'), 'a letter and a digit');
    assert.equal(passwordWeakness('12345678', 'x@example.com'), 'a letter and a digit');
    assert.equal(
      passwordWeakness('ada12345', 'ada12345@example.com'),
      'something other than your e-mail',
    );
  });

  it('escapes regular-expression syntax in search text', () => {
    assert.equal(new RegExp(escapeRegex('a.*(b)')).test('a.*(b)'), true);
    assert.equal(new RegExp(escapeRegex('a.*')).test('abc'), false);
  });
});
