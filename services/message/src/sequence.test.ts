import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageIdOf } from './sequence.js';

const send = { sessionId: 's-1', senderId: 'u-1', clientMsgId: 'c-1' };

describe('messageIdOf', () => {
  it('gives the same send the same id, shaped as a version 8 UUID', () => {
    const id = messageIdOf(send);
    assert.equal(messageIdOf({ ...send }), id);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives different ids to sends that differ in any part, however the parts are split', () => {
    const ids = new Set([
      messageIdOf(send),
      messageIdOf({ ...send, sessionId: 's-2' }),
      messageIdOf({ ...send, senderId: 'u-2' }),
      messageIdOf({ ...send, clientMsgId: 'c-2' }),
      messageIdOf({ sessionId: 's-1', senderId: 'u-1c', clientMsgId: '-1' }),
    ]);
    assert.equal(ids.size, 5);
  });
});
