import { AppError } from '@chat/kit';

export interface FileRefFrame {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  thumbnailFileId?: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

/** Frames a client may send. `id`, when given, is echoed as `ref` in the answer. */
export type ClientFrame = { id?: string } & (
  | { type: 'ping' }
  | { type: 'auth'; token: string }
  | {
      type: 'send';
      sessionId: string;
      clientMsgId: string;
      kind: string;
      text: string;
      file?: FileRefFrame;
      replyToSeq: number;
      mentionIds: string[];
    }
  | { type: 'sync'; sessionId: string; afterSeq: number; limit: number }
  | { type: 'history'; sessionId: string; beforeSeq: number; limit: number }
  | { type: 'open' | 'close' | 'typing'; sessionId: string }
  | { type: 'read' | 'recall'; sessionId: string; seq: number }
  | { type: 'edit'; sessionId: string; seq: number; text: string }
);

export class FrameError extends AppError {
  override name = 'FrameError';
  constructor(
    code: 'invalid_frame' | 'frame_too_large' | 'unknown_type' | 'invalid_seq',
    message: string,
    readonly ref?: string,
  ) {
    super(code, message, 400);
  }
}

type Raw = Record<string, unknown>;
type Reader = (raw: Raw, id: string | undefined) => ClientFrame;

/** Parses and checks one text frame. Pure: no I/O, no state. */
export function parseFrame(data: ArrayBuffer, isBinary: boolean, maxBytes: number): ClientFrame {
  if (data.byteLength > maxBytes) {
    throw new FrameError('frame_too_large', `Frames are limited to ${maxBytes} bytes.`);
  }
  if (isBinary) throw new FrameError('invalid_frame', 'Frames are JSON text, not binary.');

  const raw = parseObject(data);
  const id = typeof raw['id'] === 'string' ? raw['id'].slice(0, 64) : undefined;
  if (typeof raw['type'] !== 'string') {
    throw new FrameError('invalid_frame', 'A frame needs a string "type".', id);
  }

  const read = READERS[raw['type']];
  if (!read) {
    throw new FrameError('unknown_type', `Unknown frame type "${raw['type'].slice(0, 32)}".`, id);
  }
  return read(raw, id);
}

function parseObject(data: ArrayBuffer): Raw {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw new FrameError('invalid_frame', 'The frame is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FrameError('invalid_frame', 'A frame is a JSON object with a "type".');
  }
  return value as Raw;
}

const READERS: Record<string, Reader> = {
  ping: (_, id) => ({ type: 'ping', id }),
  auth: (raw, id) => ({ type: 'auth', id, token: str(raw, 'token', id, 4_096) }),
  send: (raw, id) => ({
    type: 'send',
    id,
    sessionId: sessionIdOf(raw, id),
    clientMsgId: str(raw, 'clientMsgId', id),
    kind: str(raw, 'kind', id),
    text: optStr(raw, 'text', id, 100_000) ?? '',
    file: fileRef(raw['file'], id),
    replyToSeq: optSeq(raw, 'replyToSeq', id) ?? 0,
    mentionIds: strList(raw, 'mentionIds', id),
  }),
  sync: (raw, id) => ({
    type: 'sync',
    id,
    sessionId: sessionIdOf(raw, id),
    afterSeq: seq(raw, 'afterSeq', id),
    limit: optSeq(raw, 'limit', id) ?? 0,
  }),
  history: (raw, id) => ({
    type: 'history',
    id,
    sessionId: sessionIdOf(raw, id),
    beforeSeq: optSeq(raw, 'beforeSeq', id) ?? 0,
    limit: optSeq(raw, 'limit', id) ?? 0,
  }),
  open: (raw, id) => ({ type: 'open', id, sessionId: sessionIdOf(raw, id) }),
  close: (raw, id) => ({ type: 'close', id, sessionId: sessionIdOf(raw, id) }),
  typing: (raw, id) => ({ type: 'typing', id, sessionId: sessionIdOf(raw, id) }),
  read: (raw, id) => ({
    type: 'read',
    id,
    sessionId: sessionIdOf(raw, id),
    seq: seq(raw, 'seq', id),
  }),
  recall: (raw, id) => ({
    type: 'recall',
    id,
    sessionId: sessionIdOf(raw, id),
    seq: seq(raw, 'seq', id),
  }),
  edit: (raw, id) => ({
    type: 'edit',
    id,
    sessionId: sessionIdOf(raw, id),
    seq: seq(raw, 'seq', id),
    text: str(raw, 'text', id, 100_000),
  }),
};

function bad(id: string | undefined, message: string): never {
  throw new FrameError('invalid_frame', message, id);
}

function str(raw: Raw, name: string, id: string | undefined, max = 128): string {
  const value = raw[name];
  if (typeof value !== 'string' || value === '') bad(id, `"${name}" must be a non-empty string.`);
  if (value.length > max) bad(id, `"${name}" is longer than ${max} characters.`);
  return value;
}

// Session ids become NATS subject tokens, so nothing but the uuid alphabet may pass.
const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

function sessionIdOf(raw: Raw, id: string | undefined): string {
  const value = str(raw, 'sessionId', id);
  if (!SESSION_ID.test(value)) bad(id, '"sessionId" is not a session id.');
  return value;
}

function optStr(raw: Raw, name: string, id: string | undefined, max: number) {
  return raw[name] === undefined || raw[name] === '' ? undefined : str(raw, name, id, max);
}

function seq(raw: Raw, name: string, id: string | undefined): number {
  const value = raw[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new FrameError('invalid_seq', `"${name}" must be a whole number, 0 or more.`, id);
  }
  return value;
}

function optSeq(raw: Raw, name: string, id: string | undefined): number | undefined {
  return raw[name] === undefined ? undefined : seq(raw, name, id);
}

function strList(raw: Raw, name: string, id: string | undefined): string[] {
  const value = raw[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 50 || value.some((v) => typeof v !== 'string')) {
    bad(id, `"${name}" must be a list of at most 50 strings.`);
  }
  return value as string[];
}

function fileRef(value: unknown, id: string | undefined): FileRefFrame | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) bad(id, '"file" must be an object.');

  const raw = value as Raw;
  const num = (name: string) => optSeq(raw, name, id);
  return {
    fileId: str(raw, 'fileId', id),
    name: str(raw, 'name', id, 255),
    mimeType: str(raw, 'mimeType', id),
    size: seq(raw, 'size', id),
    thumbnailFileId: optStr(raw, 'thumbnailFileId', id, 128),
    width: num('width'),
    height: num('height'),
    durationMs: num('durationMs'),
  };
}
