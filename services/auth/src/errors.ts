import { AppError } from '@chat/kit';

export class LoginTakenError extends AppError {
  override name = 'LoginTakenError';
  constructor() {
    super('login_taken', 'An account with this e-mail already exists.', 409, { field: 'email' });
  }
}

export class WeakPasswordError extends AppError {
  override name = 'WeakPasswordError';
  constructor(field: string, need: string) {
    super('weak_password', `The password needs ${need}.`, 400, { field });
  }
}

/** The same error whether the login exists or not, so it cannot be used to probe accounts. */
export class InvalidCredentialsError extends AppError {
  override name = 'InvalidCredentialsError';
  constructor(field = 'password') {
    super('invalid_credentials', 'The e-mail or password is not correct.', 401, { field });
  }
}
