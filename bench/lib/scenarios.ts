import { randomBytes } from 'node:crypto';
import { expectOk, type Answer, type Api } from './clients.js';
import { RequestError, type Send } from './openloop.js';
import { eachLimited } from './pool.js';
import type { SeriesSpec } from './series.js';
import type { TokenBank } from './tokens.js';
import { connectRaw } from './wsraw.js';

export interface Account {
  email: string;
  password: string;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Registers `count` accounts, a few at a time: each registration hashes a password with the
 * real scrypt cost, so doing them all at once would only queue them in auth's thread pool.
 */
export async function registerAccounts(
  api: Api,
  bank: TokenBank,
  count: number,
): Promise<Account[]> {
  const run = randomBytes(4).toString('hex');
  const accounts = Array.from({ length: count }, (_, i) => ({
    email: `load-${run}-${i}@example.test`,
    password: `load-${run}-pw${i}`,
  }));

  const register = async ({ email, password }: Account, i: number) => {
    const body = { email, nickname: `load ${i}`, password, gender: 'unspecified' };
    keep(bank, expectOk(await api.post('/api/auth/register', body, AbortSignal.timeout(30_000))));
  };

  // One alone first: the first attempts from an address race in auth's limiter (two upserts
  // of the same counter, one failing with a duplicate key, answered 500); after it they cannot.
  await register(accounts[0]!, 0);
  await eachLimited(accounts.slice(1), 4, (account, i) => register(account, i + 1));
  return accounts;
}

/** POST /api/auth/login over the accounts in turn; every new login becomes a refresh chain. */
export function logIn(api: Api, accounts: Account[], bank: TokenBank): Send {
  return async (i, signal) => {
    const { email, password } = accounts[i % accounts.length]!;
    keep(bank, expectOk(await api.post('/api/auth/login', { email, password }, signal)));
  };
}

/** POST /api/auth/refresh on an idle chain, putting the chain back with its new token. */
export function refresh(api: Api, bank: TokenBank): Send {
  return async (_i, signal) => {
    const refreshToken = await bank.takeChain(signal);

    let tokens: Tokens;
    try {
      tokens = tokensOf(expectOk(await api.post('/api/auth/refresh', { refreshToken }, signal)));
    } catch (err) {
      // Whether auth rotated the token before the failure is unknown: the chain is lost.
      bank.dropChain();
      throw err;
    }

    bank.putChain(tokens.refreshToken);
    bank.addAccess(tokens.accessToken);
  };
}

/** GET /api/me: the gateway verifies the token, then asks auth for the profile over gRPC. */
export function me(api: Api, bank: TokenBank): Send {
  return async (i, signal) => {
    expectOk(await api.get('/api/me', bank.accessAt(i), signal));
  };
}

/** A WebSocket connect until `hello`: the gateway verifies the token locally and upgrades. */
export function wsConnect(port: number, bank: TokenBank): Send {
  return (i, signal) => connectRaw(port, bank.accessAt(i), signal);
}

function keep(bank: TokenBank, answer: Answer): void {
  const tokens = tokensOf(answer);
  bank.addAccess(tokens.accessToken);
  bank.addChain(tokens.refreshToken);
}

function tokensOf(answer: Answer): Tokens {
  const tokens = answer.body['tokens'] as Partial<Tokens> | undefined;
  if (!tokens?.accessToken || !tokens.refreshToken) throw new RequestError('no_tokens');
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}

/**
 * The series in the order they run. Refresh goes first, while the store holds only the
 * registrations' logins: on FerretDB its lookup scans every login, and the log-in series adds
 * thousands.
 */
export function authSeries(
  api: Api,
  bank: TokenBank,
  accounts: Account[],
  gatewayPort: number,
): Omit<SeriesSpec, 'rates'>[] {
  const store = true;
  return [
    { key: 'refresh', title: 'POST /api/auth/refresh', store, send: refresh(api, bank) },
    { key: 'login', title: 'POST /api/auth/login', store, send: logIn(api, accounts, bank) },
    { key: 'me', title: 'GET /api/me: token check + gRPC GetProfile', store, send: me(api, bank) },
    {
      key: 'ws',
      title: 'WebSocket /ws until hello: local token check + upgrade',
      store: false,
      send: wsConnect(gatewayPort, bank),
    },
  ];
}
