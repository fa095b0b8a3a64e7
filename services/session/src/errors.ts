import { AppError } from '@chat/kit';

/** The session does not exist for this user, or the user is not in it. */
export class NotMemberError extends AppError {
  override name = 'NotMemberError';
  constructor(message = 'You are not in this session.') {
    super('not_member', message, 403);
  }
}

/** The user's role, or the kind of session, does not allow the action. */
export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', message, 403);
  }
}

export class BannedError extends AppError {
  override name = 'BannedError';
  constructor() {
    super('banned', 'You are banned from this session.', 403);
  }
}

export class InvalidSeqError extends AppError {
  override name = 'InvalidSeqError';
  constructor() {
    super('invalid_seq', 'The seq must be a whole number, 0 or more.', 400);
  }
}
