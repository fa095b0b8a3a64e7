export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
}

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  field?: string;
  retryAfter?: number;
}

/** Codes the client makes up itself when the server could not be reached or did not answer in JSON. */
export const CLIENT_ERROR_CODES = ['network_error', 'unknown'] as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;

  const message = value instanceof Error ? value.message : String(value);
  return new ApiError({ status: 0, code: 'unknown', message });
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);

  if (!response.ok) throw await errorFromResponse(response);

  return (await readJson(response)) as T;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError({ status: 0, code: 'network_error', message: describe(cause) });
  }
}

async function readJson(response: Response): Promise<unknown> {
  // 204 and other empty answers carry no body to parse.
  const text = await response.text();
  if (text === '') return undefined;

  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'unknown',
      message: 'The server sent a response that is not JSON.',
    });
  }
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = await response.text().catch(() => '');
  const parsed = parseErrorBody(body);
  const retryAfter = parsed.retryAfter ?? parseRetryAfter(response.headers.get('Retry-After'));

  return new ApiError({
    status: response.status,
    code: parsed.code ?? codeForStatus(response.status),
    message: parsed.message ?? (response.statusText || `HTTP ${response.status}`),
    field: parsed.field,
    retryAfter,
  });
}

interface ParsedErrorBody {
  code?: string;
  message?: string;
  field?: string;
  retryAfter?: number;
}

export function parseErrorBody(text: string): ParsedErrorBody {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }

  const error = isRecord(data) && isRecord(data.error) ? data.error : null;
  if (!error) return {};

  return {
    code: stringOrUndefined(error.code),
    message: stringOrUndefined(error.message),
    field: stringOrUndefined(error.field),
    retryAfter: typeof error.retryAfter === 'number' ? error.retryAfter : undefined,
  };
}

/** Used when a proxy in front of the gateway answers with a non-JSON page. */
function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not_found';
  if (status === 413) return 'body_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'service_unavailable';
  if (status >= 500) return 'internal';
  return 'unknown';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;

  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : 'The network request failed.';
}
