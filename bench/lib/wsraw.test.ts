import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFrame, readFirstFrame } from './wsraw.js';

const ANSWER = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n';

function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head =
    n < 126 ? Buffer.from([0x80 | opcode, n]) : Buffer.from([0x80 | opcode, 126, n >> 8, n & 255]);
  return Buffer.concat([head, payload]);
}

const text = (value: unknown) => frame(0x1, Buffer.from(JSON.stringify(value)));

describe('readFirstFrame', () => {
  it('accepts a 101 answer followed by a hello frame of extended length', () => {
    const hello = text({ type: 'hello', gatewayId: 'gw', userId: 'u'.repeat(150) });

    assert.equal(readFirstFrame(Buffer.concat([Buffer.from(ANSWER), hello])), 'hello');
  });

  it('waits for more bytes while the answer or the frame is incomplete', () => {
    const whole = Buffer.concat([Buffer.from(ANSWER), text({ type: 'hello' })]);

    assert.equal(readFirstFrame(whole.subarray(0, 20)), 'more');
    assert.equal(readFirstFrame(whole.subarray(0, whole.length - 1)), 'more');
  });

  it('names a refused upgrade by its status', () => {
    assert.equal(readFirstFrame(Buffer.from('HTTP/1.1 403 Forbidden\r\n\r\nno')), 'http_403');
  });

  it('names an error frame by its code and a close frame by its close code', () => {
    const error = text({ type: 'error', code: 'token_invalid' });
    const close = frame(0x8, Buffer.from([0x11, 0x31]));

    assert.equal(
      readFirstFrame(Buffer.concat([Buffer.from(ANSWER), error])),
      'frame_token_invalid',
    );
    assert.equal(readFirstFrame(Buffer.concat([Buffer.from(ANSWER), close])), 'close_4401');
  });
});

describe('parseFrame', () => {
  it('reads a 64-bit length', () => {
    const payload = Buffer.alloc(70_000, 0x61);
    const head = Buffer.alloc(10);
    head[0] = 0x82;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);

    const parsed = parseFrame(Buffer.concat([head, payload]));

    assert.equal(parsed?.opcode, 0x2);
    assert.equal(parsed?.payload.length, 70_000);
  });
});
