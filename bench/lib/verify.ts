import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient, createLogger } from '@chat/kit';
import { AuthServiceClient, AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import { importJWK, jwtVerify, type JWK } from 'jose';
import { AUDIENCE, ISSUER, TokenVerifier } from '../../services/gateway/src/auth/verifier.js';
import { median } from './series.js';

export interface VerifyMethod {
  name: string;
  /** Verifications per wall-clock second, one at a time. */
  perSecond: number;
  /** Verifications per CPU second of this process (all its threads). */
  perCpuSecond: number;
  microsEach: number;
}

export interface VerifyResult {
  count: number;
  reps: number;
  methods: VerifyMethod[];
  /** TokenVerifier.verify rate divided by bare jose jwtVerify rate. */
  verifierToJose: number;
}

type Check = (token: string) => Promise<unknown>;

/**
 * The gateway's token check in this process, with nothing else per call: one verification in
 * flight at a time, so the figure is what one core sustains. The same count of bare jose
 * jwtVerify calls with the same key and options is the baseline; node:crypto's Ed25519
 * signature check alone shows what is left once JSON, claims and WebCrypto are taken away.
 */
export async function benchVerify(
  authAddr: string,
  token: string,
  count: number,
  reps: number,
): Promise<VerifyResult> {
  const checks = await makeChecks(authAddr, token);
  const samples = new Map<string, { wall: number[]; cpu: number[] }>();

  for (const [, check] of checks) await timeLoop(check, token, Math.min(count, 2_000));
  for (let rep = 0; rep < reps; rep++) {
    for (const [name, check] of checks) {
      const { done, wallS, cpuS } = await timeLoop(check, token, count);
      const s = samples.get(name) ?? { wall: [], cpu: [] };
      s.wall.push(done / wallS);
      s.cpu.push(done / cpuS);
      samples.set(name, s);
    }
  }

  const methods = [...samples].map(([name, s]) => {
    const perSecond = Math.round(median(s.wall));
    return {
      name,
      perSecond,
      perCpuSecond: Math.round(median(s.cpu)),
      microsEach: round1(1e6 / perSecond),
    };
  });
  const rate = (name: string) => methods.find((m) => m.name === name)!.perSecond;
  const verifierToJose =
    Math.round((rate('TokenVerifier.verify') / rate('jose jwtVerify')) * 100) / 100;
  return { count, reps, methods, verifierToJose };
}

async function makeChecks(authAddr: string, token: string): Promise<[string, Check][]> {
  const { client, call } = createClient(AuthServiceClient, AuthServiceService, authAddr, 'auth');
  const { keys } = await call.getPublicKeys({}).finally(() => client.close());
  const entry = keys[0];
  if (!entry) throw new Error('auth published no public key');

  const verifier = new TokenVerifier(async () => keys, createLogger('load-auth', 'silent'));
  await verifier.loadKeys();
  const jwk = JSON.parse(entry.jwkJson) as JWK;
  const key = await importJWK(jwk, 'EdDSA');
  const options = {
    algorithms: ['EdDSA'],
    issuer: ISSUER,
    audience: AUDIENCE,
    requiredClaims: ['sub', 'exp', 'sid'],
  };
  const raw = signatureOnly(
    createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
  );

  // Every path must accept the real token before its speed means anything.
  await verifier.verify(token);
  await jwtVerify(token, key, options);
  await raw(token);

  return [
    ['TokenVerifier.verify', (t) => verifier.verify(t)],
    ['jose jwtVerify', (t) => jwtVerify(t, key, options)],
    ['node:crypto Ed25519 signature only', raw],
  ];
}

function signatureOnly(key: KeyObject): Check {
  return async (token) => {
    const dot = token.lastIndexOf('.');
    const signed = Buffer.from(token.slice(0, dot));
    const signature = Buffer.from(token.slice(dot + 1), 'base64url');
    if (!verifySignature(null, signed, key, signature)) throw new Error('bad signature');
  };
}

// A loop that runs far slower than expected still ends; the rate is then of the calls made.
const LOOP_LIMIT_MS = 10_000;

async function timeLoop(check: Check, token: string, count: number) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();

  let done = 0;
  while (done < count && performance.now() - start < LOOP_LIMIT_MS) {
    await check(token);
    done += 1;
  }

  const wallS = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { done, wallS, cpuS: (cpu.user + cpu.system) / 1e6 };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
