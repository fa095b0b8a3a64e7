import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Logger } from '@chat/kit';
import type { TemplatedApp } from 'uWebSockets.js';
import { Reply } from './http/reply.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The page may talk only to its own origin, over HTTP and WebSocket.
const CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; " +
  "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

interface Asset {
  body: Buffer;
  type: string;
  immutable: boolean;
}

/**
 * Serves the built web app from memory. Unknown paths get index.html, so the app's own router
 * handles them. The build is small and immutable while the gateway runs.
 */
export function mountStatic(app: TemplatedApp, dir: string, log: Logger): void {
  const assets = dir && existsSync(join(dir, 'index.html')) ? loadAssets(dir) : new Map();
  if (assets.size === 0) log.warn({ dir }, 'no built web app found; run make web');

  app.get('/*', (res, req) => {
    const reply = new Reply(res);
    const path = req.getUrl();
    const asset =
      assets.get(path) ?? (extname(path) === '' ? assets.get('/index.html') : undefined);

    if (!asset) {
      reply.json(404, { error: { code: 'not_found', message: 'No such file.' } });
      return;
    }
    reply.send(200, asset.body, [
      ['content-type', asset.type],
      ['cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache'],
      ['content-security-policy', CSP],
    ]);
  });
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();

  for (const file of walk(dir)) {
    const path = '/' + relative(dir, file).split('\\').join('/');
    assets.set(path, {
      body: readFileSync(file),
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      // Vite puts content-hashed names under /assets/; everything else may change.
      immutable: path.startsWith('/assets/'),
    });
  }
  return assets;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
