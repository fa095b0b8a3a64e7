import { AppError, NotFoundError } from '@chat/kit';

/** What a handler sees of a request: read synchronously before anything async happens. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  params: Record<string, string>;
  body: Record<string, unknown>;
  ip: string;
  reqId: string;
}

export interface Result {
  status: number;
  body?: unknown;
}

export type RouteHandler = (req: ApiRequest) => Promise<Result>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/** Method and path matching for the JSON API, with `:name` path parameters. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** The handler and path parameters, or an error saying why none matches. */
  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } {
    let pathKnown = false;

    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.method !== method) continue;

      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? '')));
      return { handler: route.handler, params };
    }
    if (pathKnown) throw new AppError('method_not_allowed', `${method} is not allowed here.`, 405);
    throw new NotFoundError('This API path');
  }
}
