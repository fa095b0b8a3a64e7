import { AppError } from '@chat/kit';

export class NotMemberError extends AppError {
  override name = 'NotMemberError';
  constructor() {
    super('not_member', 'You are not in this session.', 403);
  }
}

export class BannedError extends AppError {
  override name = 'BannedError';
  constructor() {
    super('banned', 'You are banned from this session.', 403);
  }
}

/** `retryAfter` is the number of seconds until the mute ends. */
export class MutedError extends AppError {
  override name = 'MutedError';
  constructor(retryAfter: number) {
    super('muted', 'You are muted in this session.', 403, { retryAfter });
  }
}

export class MessageTooLargeError extends AppError {
  override name = 'MessageTooLargeError';
  constructor(limit: number) {
    super('message_too_large', `The text is longer than ${limit} characters.`, 413, {
      field: 'text',
    });
  }
}

export class InvalidSeqError extends AppError {
  override name = 'InvalidSeqError';
  constructor(field: string) {
    super('invalid_seq', 'A seq cannot be negative.', 400, { field });
  }
}

export class NotSenderError extends AppError {
  override name = 'NotSenderError';
  constructor() {
    super('not_sender', 'Only the sender may change this message.', 403);
  }
}

export class EditWindowPassedError extends AppError {
  override name = 'EditWindowPassedError';
  constructor(windowS: number) {
    super('edit_window_passed', `Messages can be changed for ${windowS} seconds only.`, 403);
  }
}
