import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Connections } from './connections.js';

describe('Connections', () => {
  it('finds the connections of a login, and forgets them when removed or moved', () => {
    const conns = new Connections<string>();
    conns.add('login-a', 'c1');
    conns.add('login-a', 'c2');
    conns.add('login-b', 'c3');
    assert.deepEqual(conns.ofLogin('login-a'), ['c1', 'c2']);
    assert.equal(conns.size, 3);

    conns.move('login-a', 'login-c', 'c2');
    assert.deepEqual(conns.ofLogin('login-a'), ['c1']);
    assert.deepEqual(conns.ofLogin('login-c'), ['c2']);

    conns.remove('login-a', 'c1');
    conns.remove('login-a', 'c1');
    assert.deepEqual(conns.ofLogin('login-a'), []);
    assert.equal(conns.size, 2);
    assert.deepEqual(conns.all().sort(), ['c2', 'c3']);
  });
});
