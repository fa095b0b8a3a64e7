import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import net from 'node:net';

import type { Probe } from './config.js';

/** True when nothing listens on host:port, found by trying to listen there ourselves. */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

export function probeOnce(probe: Probe): Promise<boolean> {
  return probe.kind === 'tcp' ? tcpOpen(probe.host, probe.port) : httpOk(probe.url);
}

export type WaitResult = 'ready' | 'exited' | 'timeout';

/** Polls the probe until it passes, the process dies (no point waiting on) or time runs out. */
export async function waitReady(
  probe: Probe,
  alive: () => boolean,
  timeoutMs: number,
): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (await probeOnce(probe)) return 'ready';
    if (!alive()) return 'exited';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return 'timeout';
}

/**
 * The end of a log, from the last line starting with `mark` on (logs grow across runs); only its
 * last 64 KiB are read.
 */
export function lastLines(file: string, count: number, mark: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, buf, 0, buf.length, size - buf.length);
    const lines = buf.toString('utf8').trimEnd().split('\n');
    const start = lines.findLastIndex((line) => line.startsWith(mark));
    return lines.slice(Math.max(start, lines.length - count, 0)).join('\n');
  } catch {
    return '(no log)';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
