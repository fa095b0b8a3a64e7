import { BodyTooLargeError, InvalidJsonError } from '@chat/kit';
import type { HttpResponse } from 'uWebSockets.js';

/**
 * Collects the request body, refusing more than `limit` bytes. uWebSockets.js hands out
 * chunks that are only valid during the callback, so each is copied.
 */
export function readBody(res: HttpResponse, limit: number, declared: number): Promise<Buffer> {
  if (declared > limit) return Promise.reject(new BodyTooLargeError(limit));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;

    res.onData((chunk, isLast) => {
      if (failed) return;
      size += chunk.byteLength;
      if (size > limit) {
        failed = true;
        return reject(new BodyTooLargeError(limit));
      }
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) resolve(Buffer.concat(chunks));
    });
  });
}

/** Parses a JSON object body; an empty body is an empty object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};

  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new InvalidJsonError(err);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidJsonError();
  }
  return value as Record<string, unknown>;
}
