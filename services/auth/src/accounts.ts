import { InvalidFieldError, type Logger } from '@chat/kit';
import { InvalidCredentialsError, WeakPasswordError } from './errors.js';
import type { Logins, TokenPair } from './logins.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import type { AttemptLimiter } from './ratelimit.js';
import type { UserDoc } from './store.js';
import type { NewAccount, Users } from './users.js';
import { passwordWeakness } from './validate.js';

export interface Limits {
  accountLimit: number;
  addressLimit: number;
  scryptCost: number;
}

export interface Signed {
  user: UserDoc;
  tokens: TokenPair;
}

/** Registration, log-in and password change: the flows that touch credentials. */
export class Accounts {
  private readonly dummy: Promise<string>;

  constructor(
    private readonly users: Users,
    private readonly logins: Logins,
    private readonly limiter: AttemptLimiter,
    private readonly limits: Limits,
    private readonly log: Logger,
  ) {
    this.dummy = dummyHash(limits.scryptCost);
  }

  async register(input: NewAccount, address: string): Promise<Signed> {
    await this.countAddress(address);

    const user = await this.users.register(input);
    this.log.info({ userId: user._id }, 'user registered');
    return { user, tokens: await this.logins.open(user._id, address) };
  }

  async login(email: string, password: string, address: string): Promise<Signed> {
    if (email.trim() === '') throw new InvalidFieldError('email', 'Enter your e-mail address.');
    if (password === '') throw new InvalidFieldError('password', 'Enter your password.');

    const accountKey = `account:${email.trim().toLowerCase()}`;
    await this.countAddress(address);
    await this.limiter.check(accountKey, this.limits.accountLimit);

    const user = await this.users.byEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummy));
    if (!user || !ok) {
      await this.limiter.record(accountKey);
      this.log.info({ address }, 'login refused');
      throw new InvalidCredentialsError();
    }

    await this.limiter.clear(accountKey);
    return { user, tokens: await this.logins.open(user._id, address) };
  }

  async changePassword(
    userId: string,
    loginId: string,
    current: string,
    next: string,
  ): Promise<void> {
    const user = await this.users.byId(userId);
    const accountKey = `account:${user.email}`;
    await this.limiter.check(accountKey, this.limits.accountLimit);

    if (!(await verifyPassword(current, user.passwordHash))) {
      await this.limiter.record(accountKey);
      throw new InvalidCredentialsError('currentPassword');
    }
    const weakness = passwordWeakness(next, user.email);
    if (weakness) throw new WeakPasswordError('newPassword', weakness);

    await this.users.setPasswordHash(userId, await hashPassword(next, this.limits.scryptCost));
    await this.logins.revokeOthers(userId, loginId);
    this.log.info({ userId }, 'password changed');
  }

  private async countAddress(address: string): Promise<void> {
    const key = `address:${address || 'unknown'}`;
    await this.limiter.check(key, this.limits.addressLimit);
    await this.limiter.record(key);
  }
}
