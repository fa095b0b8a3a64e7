import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  nameFilter,
  pairKey,
  parseName,
  parsePage,
  parseUserIds,
  previewOf,
  requireOutranks,
} from './rules.js';

describe('session rules', () => {
  it('lets the owner act on anyone but themself, and admins on plain members only', () => {
    const allowed: Array<[Parameters<typeof requireOutranks>[0], 'admin' | 'member' | undefined]> =
      [
        ['owner', 'admin'],
        ['owner', 'member'],
        ['admin', 'member'],
        ['admin', undefined],
      ];
    for (const [actor, target] of allowed) requireOutranks(actor, target, false);

    const refused: Array<[Parameters<typeof requireOutranks>[0], 'owner' | 'admin' | 'member']> = [
      ['admin', 'admin'],
      ['admin', 'owner'],
      ['member', 'member'],
    ];
    for (const [actor, target] of refused) {
      assert.throws(() => requireOutranks(actor, target, false), { code: 'forbidden' });
    }
    assert.throws(() => requireOutranks('owner', 'owner', true), { code: 'forbidden' });
  });

  it('names a pair of users the same way from either side', () => {
    assert.equal(pairKey('b', 'a'), pairKey('a', 'b'));
    assert.notEqual(pairKey('a', 'bc'), pairKey('ab', 'c'));
  });

  it('trims group names and squeezes their inner spaces', () => {
    assert.equal(parseName('  Book \t club  '), 'Book club');
    assert.throws(() => parseName(' \n '), { code: 'invalid_field', field: 'name' });
  });

  it('matches a search literally, whatever regex syntax it holds', () => {
    const pattern = nameFilter(' A.C(* ');
    assert.ok(pattern?.test('x a.c(* y'));
    assert.ok(!pattern?.test('abc(('));
    assert.equal(nameFilter('   '), undefined);
  });

  it('gives limit 0 the default and refuses pages out of range', () => {
    assert.deepEqual(parsePage(0, 0, 20), { offset: 0, limit: 20 });
    assert.throws(() => parsePage(1.5, 10), { field: 'offset' });
    assert.throws(() => parsePage(0, 1_000), { field: 'limit' });
  });

  it('drops duplicates and the caller from user lists, and refuses odd ids', () => {
    assert.deepEqual(parseUserIds(['a', 'b', 'a', 'me'], 'memberIds', 'me'), ['a', 'b']);
    assert.throws(() => parseUserIds(['a b'], 'memberIds', 'me'), { field: 'memberIds' });
  });

  it('previews the first 80 characters, counting emoji as one, and system messages by action', () => {
    assert.equal([...previewOf('text', '😀'.repeat(100), '')].length, 80);
    assert.equal(previewOf('system', '', 'join'), 'join');
  });
});
