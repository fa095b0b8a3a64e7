import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashes', () => {
  it('verify the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('tea time 42', 1024);
    const b = await hashPassword('tea time 42', 1024);

    assert.match(a, /^scrypt\$1024\$8\$1\$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('tea time 42', a), true);
    assert.equal(await verifyPassword('tea time 43', a), false);
  });

  it('treat canonically equal Unicode forms as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 1234', 1024);
    assert.equal(await verifyPassword('cafe\u0301 1234', hash), true);
  });

  it('refuse stored values that are not scrypt hashes', async () => {
    assert.equal(await verifyPassword('x', 'sha1$abc'), false);
    assert.equal(await verifyPassword('x', ''), false);
  });
});
