import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { RequestError } from './openloop.js';

/**
 * The least a client can do to open a WebSocket and read the first frame: one prepared
 * upgrade request, a parse of the 101 answer and of one unmasked server frame, a close frame.
 * The `ws` package spent more CPU per connect than the gateway did, and on a two-core machine
 * that CPU comes out of the server's share; the bytes on the wire are the same.
 */
export function connectRaw(port: number, token: string, signal: AbortSignal): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);

  return new Promise<void>((resolve, reject) => {
    const fail = (code: string) => {
      socket.destroy();
      reject(new RequestError(code));
    };
    signal.addEventListener('abort', () => fail('timeout'), { once: true });

    socket.setNoDelay(true);
    socket.once('connect', () => socket.write(upgradeRequest(port, token)));
    socket.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'socket_error'));
    socket.on('close', () => fail('closed_before_hello'));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const outcome = readFirstFrame(received);
      if (outcome === 'more') return;
      if (outcome !== 'hello') return fail(outcome);

      socket.removeAllListeners('close');
      socket.on('error', () => undefined);
      socket.end(CLOSE_NORMAL);
      resolve();
    });
  });
}

// A key the server only hashes into its answer; one per process is as good as one per connect.
const KEY = randomBytes(16).toString('base64');

// Close frame, code 1000, masked as client frames must be (with a zero mask, which is allowed).
const CLOSE_NORMAL = Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8]);

function upgradeRequest(port: number, token: string): string {
  return (
    `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1\r\n` +
    `Host: 127.0.0.1:${port}\r\n` +
    'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

/**
 * What the bytes so far say: `more` until the answer and one whole frame are in, `hello` for a
 * 101 followed by a hello frame, else an error code (`http_403`, `close_4401`, `frame_error`).
 */
export function readFirstFrame(data: Buffer): string {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return 'more';

  const status = /^HTTP\/1\.1 (\d{3})/.exec(data.subarray(0, end).toString('latin1'))?.[1];
  if (status !== '101') return `http_${status ?? 'garbled'}`;

  const frame = parseFrame(data.subarray(end + 4));
  if (frame === null) return 'more';
  if (frame.opcode === 0x8) {
    return frame.payload.length >= 2 ? `close_${frame.payload.readUInt16BE(0)}` : 'close_no_code';
  }
  if (frame.opcode !== 0x1) return `opcode_${frame.opcode}`;

  return frameType(frame.payload.toString('utf8'));
}

/** One unmasked frame (servers never mask), or null when it has not fully arrived. */
export function parseFrame(data: Buffer): { opcode: number; payload: Buffer } | null {
  if (data.length < 2) return null;

  const opcode = data[0]! & 0x0f;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }

  if (data.length < offset + length) return null;
  return { opcode, payload: data.subarray(offset, offset + length) };
}

function frameType(text: string): string {
  try {
    const frame = JSON.parse(text) as { type?: string; code?: string };
    return frame.type === 'hello' ? 'hello' : `frame_${frame.code ?? frame.type ?? 'unknown'}`;
  } catch {
    return 'frame_not_json';
  }
}
