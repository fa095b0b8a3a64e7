import { STATUS_CODES } from 'node:http';
import { toAppError, type AppError } from '@chat/kit';
import type { HttpResponse } from 'uWebSockets.js';

// Sent with every answer: the API and the app are same-origin only, and never framed.
const SECURITY_HEADERS: Array<[string, string]> = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
];

/**
 * One HTTP answer over uWebSockets.js: remembers whether the client went away (writing to an
 * aborted response crashes the process) and corks every write.
 */
export class Reply {
  private aborted = false;
  private done = false;

  constructor(private readonly res: HttpResponse) {
    res.onAborted(() => {
      this.aborted = true;
    });
  }

  get closed(): boolean {
    return this.aborted || this.done;
  }

  /** The raw response, for reading the body; valid until the reply is sent. */
  get raw(): HttpResponse {
    return this.res;
  }

  json(status: number, body: unknown, headers: Array<[string, string]> = []): void {
    this.send(status, JSON.stringify(body), [['content-type', 'application/json'], ...headers]);
  }

  empty(status = 204): void {
    this.send(status, '', []);
  }

  error(err: unknown): AppError {
    const appErr = toAppError(err);
    const body: Record<string, unknown> = { code: appErr.code, message: appErr.message };
    if (appErr.field) body['field'] = appErr.field;
    if (appErr.retryAfter !== undefined) body['retryAfter'] = appErr.retryAfter;

    const headers: Array<[string, string]> =
      appErr.retryAfter === undefined ? [] : [['retry-after', String(appErr.retryAfter)]];
    this.json(appErr.status, { error: body }, headers);
    return appErr;
  }

  send(status: number, body: string | Buffer, headers: Array<[string, string]>): void {
    if (this.closed) return;
    this.done = true;

    this.res.cork(() => {
      this.res.writeStatus(`${status} ${STATUS_CODES[status] ?? ''}`);
      for (const [k, v] of [...SECURITY_HEADERS, ...headers]) this.res.writeHeader(k, v);
      this.res.end(body);
    });
  }
}
