import { Agent, request } from 'node:http';
import { RequestError } from './openloop.js';

export interface Answer {
  status: number;
  // The gateway's JSON; the callers read the few fields they need.
  body: { error?: { code?: string } } & Record<string, unknown>;
}

/**
 * JSON over keep-alive HTTP/1.1. node:http rather than fetch: it costs the load generator less
 * CPU per request, and on a two-core machine every cycle here is one the servers lack.
 */
export class Api {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly port: number) {}

  post(path: string, body: unknown, signal?: AbortSignal): Promise<Answer> {
    return this.call('POST', path, { body, signal });
  }

  get(path: string, token: string, signal?: AbortSignal): Promise<Answer> {
    return this.call('GET', path, { token, signal });
  }

  close(): void {
    this.agent.destroy();
  }

  private call(
    method: string,
    path: string,
    opts: { body?: unknown; token?: string; signal?: AbortSignal | undefined },
  ): Promise<Answer> {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;

    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (res) => readAnswer(res, resolve, reject),
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(new RequestError(err.code ?? 'network')),
      );
      opts.signal?.addEventListener('abort', () => req.destroy(), { once: true });
      req.end(payload);
    });
  }
}

function readAnswer(
  res: import('node:http').IncomingMessage,
  resolve: (a: Answer) => void,
  reject: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('error', () => reject(new RequestError('response_aborted')));
  res.on('end', () => {
    const text = Buffer.concat(chunks).toString();
    try {
      resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
    } catch {
      reject(new RequestError(`${res.statusCode}:not_json`));
    }
  });
}

/** Throws the answer's status and error code, e.g. `401:token_invalid`, unless it is 2xx. */
export function expectOk(answer: Answer): Answer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw new RequestError(`${answer.status}:${answer.body.error?.code ?? 'no_code'}`);
}
