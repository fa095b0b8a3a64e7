import { AppError } from '@chat/kit';

/** Frames a client may send. `id`, when given, is echoed as `ref` in the answer. */
export type ClientFrame =
  { type: 'ping'; id?: string } | { type: 'auth'; id?: string; token: string };

export class FrameError extends AppError {
  override name = 'FrameError';
  constructor(
    code: 'invalid_frame' | 'frame_too_large' | 'unknown_type',
    message: string,
    readonly ref?: string,
  ) {
    super(code, message, 400);
  }
}

const TYPES = new Set(['ping', 'auth']);

/** Parses and checks one text frame. Pure: no I/O, no state. */
export function parseFrame(data: ArrayBuffer, isBinary: boolean, maxBytes: number): ClientFrame {
  if (data.byteLength > maxBytes) {
    throw new FrameError('frame_too_large', `Frames are limited to ${maxBytes} bytes.`);
  }
  if (isBinary) throw new FrameError('invalid_frame', 'Frames are JSON text, not binary.');

  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw new FrameError('invalid_frame', 'The frame is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FrameError('invalid_frame', 'A frame is a JSON object with a "type".');
  }

  const frame = value as Record<string, unknown>;
  const id = typeof frame['id'] === 'string' ? frame['id'].slice(0, 64) : undefined;
  if (typeof frame['type'] !== 'string') {
    throw new FrameError('invalid_frame', 'A frame needs a string "type".', id);
  }
  if (!TYPES.has(frame['type'])) {
    throw new FrameError('unknown_type', `Unknown frame type "${frame['type'].slice(0, 32)}".`, id);
  }
  if (frame['type'] === 'auth') {
    if (typeof frame['token'] !== 'string' || frame['token'] === '') {
      throw new FrameError('invalid_frame', 'An auth frame needs a "token".', id);
    }
    return { type: 'auth', id, token: frame['token'] };
  }
  return { type: 'ping', id };
}
