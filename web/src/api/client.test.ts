import { describe, expect, it, vi } from 'vitest';
import { createFakeFetch, errorReply } from '../test/fakeFetch';
import { ApiError, apiRequest } from './client';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('apiRequest', () => {
  it('turns an error body into an ApiError with its status, code, message and field', async () => {
    const fake = createFakeFetch();
    fake.on('POST', '/api/auth/register', {
      status: 400,
      body: { error: { code: 'invalid_field', message: 'nickname too long', field: 'nickname' } },
    });
    vi.stubGlobal('fetch', fake.fetch);

    const error = await failure(apiRequest('/api/auth/register', { method: 'POST', body: {} }));

    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_field');
    expect(error.message).toBe('nickname too long');
    expect(error.field).toBe('nickname');
  });

  it('takes retryAfter from the body, and from the Retry-After header when the body has none', async () => {
    const fake = createFakeFetch();
    fake.on('POST', '/api/auth/login', errorReply(429, 'rate_limited', { retryAfter: 7 }));
    fake.on('GET', '/api/me', {
      ...errorReply(429, 'rate_limited'),
      headers: { 'Retry-After': '12' },
    });
    vi.stubGlobal('fetch', fake.fetch);

    expect((await failure(apiRequest('/api/auth/login', { method: 'POST' }))).retryAfter).toBe(7);
    expect((await failure(apiRequest('/api/me'))).retryAfter).toBe(12);
  });

  it('derives a code from the status when a proxy answers without a JSON error body', async () => {
    const html = () => new Response('<h1>Bad gateway</h1>', { status: 502 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => html()),
    );

    const error = await failure(apiRequest('/api/me'));

    expect(error.status).toBe(502);
    expect(error.code).toBe('service_unavailable');
  });

  it('reports an unreachable server as network_error with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );

    const error = await failure(apiRequest('/api/me'));

    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });

  it('sends the bearer token and a JSON body, and parses the JSON answer', async () => {
    const fake = createFakeFetch();
    fake.on('PATCH', '/api/me', { status: 200, body: { user: { id: 'u-1' } } });
    vi.stubGlobal('fetch', fake.fetch);

    const result = await apiRequest('/api/me', {
      method: 'PATCH',
      body: { nickname: 'Ada' },
      token: 'tok',
    });

    expect(result).toEqual({ user: { id: 'u-1' } });
    expect(fake.calls[0]?.headers.authorization).toBe('Bearer tok');
    expect(fake.calls[0]?.headers['content-type']).toBe('application/json');
    expect(fake.calls[0]?.body).toEqual({ nickname: 'Ada' });
  });

  it('resolves to undefined for a 204 answer', async () => {
    const fake = createFakeFetch();
    fake.on('POST', '/api/auth/logout', { status: 204 });
    vi.stubGlobal('fetch', fake.fetch);

    await expect(apiRequest('/api/auth/logout', { method: 'POST', body: {} })).resolves.toBe(
      undefined,
    );
  });
});
