import { randomUUID } from 'node:crypto';
import { toAppError, type Logger } from '@chat/kit';
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { parseJsonObject, readBody } from './body.js';
import { Reply } from './reply.js';
import type { ApiRequest, Router } from './router.js';

export interface ApiOptions {
  maxBodyBytes: number;
  trustProxy: boolean;
  log: Logger;
  observe: (route: string, status: number, seconds: number) => void;
}

const WITH_BODY = new Set(['post', 'put', 'patch', 'delete']);

/** Mounts the router under /api/ on the uWebSockets.js app. */
export function mountApi(app: TemplatedApp, router: Router, options: ApiOptions): void {
  app.any('/api/*', (res, req) => {
    const started = process.hrtime.bigint();
    const snapshot = snapshotRequest(res, req, options.trustProxy);
    const reply = new Reply(res);
    const declared = Number(snapshot.headers['content-length'] ?? 0);
    const body = WITH_BODY.has(snapshot.method)
      ? readBody(res, options.maxBodyBytes, declared)
      : Promise.resolve(Buffer.alloc(0));

    void handle(router, snapshot, body, reply, options.log).then((status) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      options.observe(snapshot.method.toUpperCase(), status, seconds);
    });
  });
}

async function handle(
  router: Router,
  snapshot: Omit<ApiRequest, 'body' | 'params'>,
  bodyPromise: Promise<Buffer>,
  reply: Reply,
  log: Logger,
): Promise<number> {
  try {
    const method = snapshot.method.toUpperCase();
    const { handler, params } = router.match(method, snapshot.path);
    const body = parseJsonObject(await bodyPromise);
    const result = await handler({ ...snapshot, params, body });

    if (result.body === undefined) reply.empty(result.status);
    else reply.json(result.status, result.body);
    return result.status;
  } catch (err) {
    const appErr = toAppError(err);
    const fields = { err, reqId: snapshot.reqId, path: snapshot.path, code: appErr.code };
    if (appErr.status >= 500) log.error(fields, 'request failed');
    else log.debug(fields, 'request refused');

    bodyPromise.catch(() => undefined);
    reply.error(appErr);
    return appErr.status;
  }
}

function snapshotRequest(res: HttpResponse, req: HttpRequest, trustProxy: boolean) {
  const headers: Record<string, string> = {};
  req.forEach((key, value) => {
    headers[key] = value;
  });
  const forwarded = trustProxy ? headers['x-forwarded-for']?.split(',')[0]?.trim() : undefined;

  return {
    method: req.getMethod(),
    path: req.getUrl(),
    query: new URLSearchParams(req.getQuery() ?? ''),
    headers,
    ip: forwarded || Buffer.from(res.getRemoteAddressAsText()).toString(),
    reqId: headers['x-request-id']?.slice(0, 64) || randomUUID(),
  };
}
