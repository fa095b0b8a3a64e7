import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (call: RecordedCall) => FakeReply | Promise<FakeReply>;

/** A stand-in for fetch that answers from routes registered by the test and records every call. */
export function createFakeFetch() {
  const calls: RecordedCall[] = [];
  const handlers = new Map<string, Handler>();

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = record(input, init);
    calls.push(call);

    const handler = handlers.get(`${call.method} ${call.path.split('?')[0]}`);
    const reply = handler ? await handler(call) : notFound(call);
    return toResponse(reply);
  });

  function on(method: string, path: string, handler: Handler | FakeReply): void {
    handlers.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => handler);
  }

  function callsTo(method: string, path: string): RecordedCall[] {
    return calls.filter((call) => call.method === method && call.path.split('?')[0] === path);
  }

  return { fetch, calls, on, callsTo };
}

export function errorReply(status: number, code: string, extra: Record<string, unknown> = {}) {
  return { status, body: { error: { code, message: `server says ${code}`, ...extra } } };
}

function record(input: RequestInfo | URL, init: RequestInit): RecordedCall {
  const entries = Array.from(new Headers(init.headers).entries());
  const headers = Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value]));
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;

  return { method: init.method ?? 'GET', path: String(input), headers, body };
}

function notFound(call: RecordedCall): FakeReply {
  return errorReply(404, 'not_found', { message: `no fake route for ${call.method} ${call.path}` });
}

function toResponse(reply: FakeReply): Response {
  const hasBody = reply.body !== undefined;

  return new Response(hasBody ? JSON.stringify(reply.body) : null, {
    status: reply.status,
    headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...reply.headers },
  });
}
