import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, createLogger, loadConfig, type AppError, type Runtime } from '@chat/kit';
import { AuthServiceClient, AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import {
  freePort,
  startDatabase,
  startNats,
  uniqueDbName,
  type RunningServer,
} from '@chat/testkit';
import { connect, JSONCodec } from 'nats';
import { startAuth, REVOKED_SUBJECT } from './app.js';
import { authSchema } from './config.js';

let nats: RunningServer;
let db: RunningServer;
let service: Runtime;
let auth: ReturnType<typeof createClient<typeof AuthServiceService>>;

async function rejects(p: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  const err = (await p.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  )) as AppError;
  assert.equal(err.code, code, err.message);
  if (field) assert.equal(err.field, field);
  return err;
}

const account = (email: string) => ({
  email,
  nickname: 'Ada',
  password: 'correct horse 1',
  gender: 'female',
  clientIp: '127.0.0.1',
});

describe('auth service', () => {
  before(async () => {
    [nats, db] = await Promise.all([startNats(), startDatabase()]);
    const config = loadConfig(authSchema, {
      NATS_URL: nats.url,
      MONGO_URL: db.url,
      MONGO_DB: uniqueDbName('auth'),
      GRPC_LISTEN: `127.0.0.1:${await freePort()}`,
      OPS_LISTEN: `127.0.0.1:${await freePort()}`,
      SCRYPT_COST: '1024',
      LOGIN_ACCOUNT_LIMIT: '3',
      LOGIN_ADDRESS_LIMIT: '25',
      LOG_LEVEL: 'silent',
    });
    service = await startAuth(config, createLogger('auth', 'silent'));
    auth = createClient(AuthServiceClient, AuthServiceService, config.GRPC_LISTEN, 'auth');
  });

  after(async () => {
    auth.client.close();
    await service.stop();
    await Promise.all([nats.stop(), db.stop()]);
  });

  it('registers a user and logs in with the same password', async () => {
    const reg = await auth.call.register(account('ada@example.com'));
    assert.equal(reg.user?.email, 'ada@example.com');
    assert.ok(reg.tokens?.accessToken);

    const login = await auth.call.login({
      email: 'ADA@example.com ',
      password: 'correct horse 1',
      clientIp: '127.0.0.1',
    });
    assert.equal(login.user?.id, reg.user?.id);
  });

  it('refuses a second account with a taken login', async () => {
    await auth.call.register(account('taken@example.com'));
    await rejects(auth.call.register(account('Taken@Example.com')), 'login_taken', 'email');
  });

  it('refuses weak passwords, bad e-mails and unknown genders with the field named', async () => {
    const base = account('weak@example.com');
    await rejects(auth.call.register({ ...base, password: 'short1' }), 'weak_password', 'password');
    await rejects(
      auth.call.register({ ...base, password: 'onlyletters' }),
      'weak_password',
      'password',
    );
    await rejects(auth.call.register({ ...base, email: 'not-an-email' }), 'invalid_field', 'email');
    await rejects(auth.call.register({ ...base, gender: 'robot' }), 'invalid_field', 'gender');
    await rejects(auth.call.register({ ...base, nickname: '  ' }), 'invalid_field', 'nickname');
  });

  it('answers the same error for a wrong password and an unknown login', async () => {
    await auth.call.register(account('same@example.com'));
    const wrong = await rejects(
      auth.call.login({ email: 'same@example.com', password: 'wrong pass 1', clientIp: '' }),
      'invalid_credentials',
    );
    const unknown = await rejects(
      auth.call.login({ email: 'nobody@example.com', password: 'wrong pass 1', clientIp: '' }),
      'invalid_credentials',
    );
    assert.equal(wrong.message, unknown.message);
  });

  it('rate-limits failed log-ins per account, even with the right password after', async () => {
    await auth.call.register(account('limited@example.com'));
    const bad = { email: 'limited@example.com', password: 'wrong pass 1', clientIp: '10.0.0.9' };
    for (let i = 0; i < 3; i++) await rejects(auth.call.login(bad), 'invalid_credentials');

    const err = await rejects(
      auth.call.login({ ...bad, password: 'correct horse 1' }),
      'rate_limited',
    );
    assert.ok((err.retryAfter ?? 0) > 0);
  });

  it('rate-limits attempts per address, across accounts, without touching other addresses', async () => {
    const from = (clientIp: string, i: number) =>
      auth.call.login({ email: `spray${i}@example.com`, password: 'guess 1234', clientIp });
    for (let i = 0; i < 25; i++) await rejects(from('10.9.9.9', i), 'invalid_credentials');

    await rejects(from('10.9.9.9', 99), 'rate_limited');
    await rejects(from('10.9.9.10', 99), 'invalid_credentials');
  });

  it('counts simultaneous first attempts from a new address instead of failing one', async () => {
    const tries = Array.from({ length: 6 }, (_, i) =>
      auth.call.login({
        email: `burst${i}@example.com`,
        password: 'guess 1234',
        clientIp: '10.7.7.7',
      }),
    );
    const outcomes = await Promise.allSettled(tries);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.equal((outcome.reason as AppError).code, 'invalid_credentials');
    }
  });

  it('logs out twice at once without an error', async () => {
    const reg = await auth.call.register(account('twice@example.com'));
    const claims = JSON.parse(
      Buffer.from(reg.tokens!.accessToken.split('.')[1]!, 'base64url').toString(),
    ) as { sid: string };
    const logout = () => auth.call.logout({ userId: reg.user!.id, loginId: claims.sid });
    const outcomes = await Promise.allSettled([logout(), logout(), logout(), logout()]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'],
    );
  });

  it('rotates refresh tokens and revokes the login when an old one is replayed', async () => {
    const reg = await auth.call.register(account('rotate@example.com'));
    const first = reg.tokens!.refreshToken;

    const second = await auth.call.refresh({ refreshToken: first, clientIp: '' });
    assert.notEqual(second.tokens?.refreshToken, first);

    await rejects(auth.call.refresh({ refreshToken: first, clientIp: '' }), 'token_invalid');
    await rejects(
      auth.call.refresh({ refreshToken: second.tokens!.refreshToken, clientIp: '' }),
      'token_invalid',
    );
  });

  it('announces a logout on the bus and lists it as revoked', async () => {
    const reg = await auth.call.register(account('logout@example.com'));
    const nc = await connect({ servers: nats.url });
    const sub = nc.subscribe(REVOKED_SUBJECT, { max: 1 });
    await nc.flush();

    const claims = JSON.parse(
      Buffer.from(reg.tokens!.accessToken.split('.')[1]!, 'base64url').toString(),
    ) as { sid: string };
    await auth.call.logout({ userId: reg.user!.id, loginId: claims.sid });

    for await (const msg of sub) {
      assert.equal(JSONCodec<{ loginId: string }>().decode(msg.data).loginId, claims.sid);
    }
    await nc.close();

    const { revocations } = await auth.call.listRevocations({});
    assert.ok(revocations.some((r) => r.loginId === claims.sid));
    await rejects(
      auth.call.refresh({ refreshToken: reg.tokens!.refreshToken, clientIp: '' }),
      'token_invalid',
    );
  });

  it('edits the profile and changes the password, refusing a wrong current one', async () => {
    const reg = await auth.call.register(account('edit@example.com'));
    const userId = reg.user!.id;

    const edited = await auth.call.updateProfile({
      userId,
      nickname: ' Grace  H ',
      gender: 'other',
    });
    assert.equal(edited.user?.nickname, 'Grace H');
    assert.equal(edited.user?.gender, 'other');

    const change = { userId, loginId: 'x', clientIp: '', newPassword: 'new secret 22' };
    await rejects(
      auth.call.changePassword({ ...change, currentPassword: 'nope nope 1' }),
      'invalid_credentials',
      'currentPassword',
    );
    await auth.call.changePassword({ ...change, currentPassword: 'correct horse 1' });
    await auth.call.login({ email: 'edit@example.com', password: 'new secret 22', clientIp: '' });
  });

  it('finds users by part of their nickname, page by page, without e-mails', async () => {
    for (const n of ['Zed one', 'zed two', 'ZED three']) {
      await auth.call.register({ ...account(`${n.replace(/ /g, '')}@example.com`), nickname: n });
    }
    const first = await auth.call.searchUsers({ query: 'zed', offset: 0, limit: 2 });
    assert.equal(first.users.length, 2);
    assert.equal(first.nextOffset, 2);
    assert.equal(first.users[0]?.email, '');

    const rest = await auth.call.searchUsers({ query: 'zed', offset: 2, limit: 2 });
    assert.equal(rest.users.length, 1);
    assert.equal(rest.nextOffset, -1);

    const none = await auth.call.searchUsers({ query: '.*', offset: 0, limit: 10 });
    assert.equal(none.users.length, 0);
  });

  it('answers not_found for an unknown user id', async () => {
    await rejects(
      auth.call.getUser({ userId: '00000000-0000-0000-0000-000000000000' }),
      'not_found',
    );
    await rejects(auth.call.getUser({ userId: '{"$ne":null}' }), 'not_found');
  });
});
