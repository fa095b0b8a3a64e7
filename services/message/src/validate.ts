import { InvalidFieldError } from '@chat/kit';
import type { FileRef, SendRequest } from '@chat/proto/chat/message/v1/message';
import { InvalidSeqError, MessageTooLargeError } from './errors.js';
import type { FileDoc, MessageKind } from './store.js';

/** What a member's send asks to store, checked and normalised. */
export interface SendInput {
  sessionId: string;
  senderId: string;
  clientMsgId: string;
  kind: Exclude<MessageKind, 'system'>;
  text: string;
  file: FileDoc | null;
  replyToSeq: number;
  mentionIds: string[];
}

export const MAX_MENTIONS = 50;
const MAX_ID_CHARS = 64;
const USER_KINDS = ['text', 'image', 'file', 'voice'] as const;
// Session ids become a token of bus subjects, so dots, wildcards and spaces are refused.
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;
// The top-level media type each file-carrying kind must have; any type may be sent as a file.
const MIME_PREFIX: Record<string, string> = { image: 'image/', voice: 'audio/' };

export function checkSessionId(sessionId: string): string {
  if (!SESSION_ID.test(sessionId)) {
    throw new InvalidFieldError(
      'session_id',
      'A session id of letters, digits, - or _ is required.',
    );
  }
  return sessionId;
}

export function checkId(field: string, value: string, max = MAX_ID_CHARS): string {
  if (value.length === 0 || value.length > max) {
    throw new InvalidFieldError(field, `${field} must have 1 to ${max} characters.`);
  }
  return value;
}

export function checkSeq(field: string, seq: number): number {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new InvalidSeqError(field);
  return seq;
}

/** The page size asked for: 0 means the default, larger than `max` is cut to `max`. */
export function pageLimit(limit: number, fallback: number, max: number): number {
  if (limit < 0) throw new InvalidFieldError('limit', 'The limit cannot be negative.');
  return limit === 0 ? fallback : Math.min(limit, max);
}

/** Text of a message: required for text messages, an optional caption for the others. */
export function checkText(text: string, required: boolean, maxChars: number): string {
  if (required && text.trim() === '') throw new InvalidFieldError('text', 'The text is empty.');
  // Counted in code points, so an emoji is one character; the UTF-16 length is an upper bound.
  if (text.length > maxChars && [...text].length > maxChars) {
    throw new MessageTooLargeError(maxChars);
  }
  return text;
}

export function checkSend(req: SendRequest, maxChars: number): SendInput {
  const kind = USER_KINDS.find((k) => k === req.kind);
  if (!kind) throw new InvalidFieldError('kind', 'The kind must be text, image, file or voice.');

  if (req.mentionIds.length > MAX_MENTIONS) {
    throw new InvalidFieldError('mention_ids', `At most ${MAX_MENTIONS} mentions are allowed.`);
  }
  for (const id of req.mentionIds) checkId('mention_ids', id);

  return {
    sessionId: checkSessionId(req.sessionId),
    senderId: checkId('sender_id', req.senderId),
    clientMsgId: checkId('client_msg_id', req.clientMsgId),
    kind,
    text: checkText(req.text, kind === 'text', maxChars),
    file: checkFile(kind, req.file),
    replyToSeq: checkSeq('reply_to_seq', req.replyToSeq),
    mentionIds: [...new Set(req.mentionIds)].filter((id) => id !== req.senderId),
  };
}

function checkFile(kind: SendInput['kind'], file: FileRef | undefined): FileDoc | null {
  if (kind === 'text') {
    if (file) throw new InvalidFieldError('file', 'A text message carries no file.');
    return null;
  }
  if (!file) throw new InvalidFieldError('file', `A ${kind} message needs a file.`);

  checkId('file.file_id', file.fileId, 128);
  if (file.thumbnailFileId.length > 128) {
    throw new InvalidFieldError('file.thumbnail_file_id', 'The thumbnail id is too long.');
  }
  if (file.name.length > 255)
    throw new InvalidFieldError('file.name', 'The file name is too long.');
  const prefix = MIME_PREFIX[kind] ?? '';
  if (!MIME_TYPE.test(file.mimeType) || !file.mimeType.toLowerCase().startsWith(prefix)) {
    throw new InvalidFieldError('file.mime_type', `The file type does not fit a ${kind} message.`);
  }
  for (const field of ['size', 'width', 'height', 'durationMs'] as const) {
    if (!Number.isSafeInteger(file[field]) || file[field] < 0) {
      throw new InvalidFieldError(`file.${field}`, `The file's ${field} cannot be negative.`);
    }
  }
  if (kind === 'voice' && file.durationMs <= 0) {
    throw new InvalidFieldError('file.duration_ms', 'A voice message needs its duration.');
  }
  return { ...file, mimeType: file.mimeType.toLowerCase() };
}
