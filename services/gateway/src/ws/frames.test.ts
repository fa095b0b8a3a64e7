import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameError, parseFrame } from './frames.js';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('parseFrame', () => {
  it('reads ping and auth frames, keeping the id', () => {
    assert.deepEqual(parseFrame(bytes('{"type":"ping","id":"7"}'), false, 100), {
      type: 'ping',
      id: '7',
    });
    assert.deepEqual(parseFrame(bytes('{"type":"auth","token":"t"}'), false, 100), {
      type: 'auth',
      id: undefined,
      token: 't',
    });
  });

  const refused: Array<[string, string, boolean, string]> = [
    ['binary frames', '{"type":"ping"}', true, 'invalid_frame'],
    ['broken JSON', '{"type":', false, 'invalid_frame'],
    ['JSON that is not an object', '"ping"', false, 'invalid_frame'],
    ['null', 'null', false, 'invalid_frame'],
    ['a missing type', '{"id":"1"}', false, 'invalid_frame'],
    ['a numeric type', '{"type":5}', false, 'invalid_frame'],
    ['an unknown type', '{"type":"launch"}', false, 'unknown_type'],
    ['an auth frame without token', '{"type":"auth"}', false, 'invalid_frame'],
    [
      'a frame over the limit',
      `{"type":"ping","x":"${'a'.repeat(100)}"}`,
      false,
      'frame_too_large',
    ],
  ];
  for (const [what, text, binary, code] of refused) {
    it(`refuses ${what} with ${code}`, () => {
      assert.throws(
        () => parseFrame(bytes(text), binary, 100),
        (err: unknown) => err instanceof FrameError && err.code === code,
      );
    });
  }

  it('keeps the id of a refused frame so the client can match the error', () => {
    assert.throws(
      () => parseFrame(bytes('{"type":"launch","id":"abc"}'), false, 100),
      (err: unknown) => err instanceof FrameError && err.ref === 'abc',
    );
  });
});
