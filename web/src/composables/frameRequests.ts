import { ApiError } from '../api/client';
import type { ServerFrame } from './connectionFrames';

export const REQUEST_TIMEOUT_MS = 10_000;

interface Waiting {
  resolve: (frame: ServerFrame) => void;
  reject: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Matches answers to the frames that asked for them, by the `id` the gateway echoes as `ref`. */
export function createFrameRequests() {
  const waiting = new Map<string, Waiting>();
  let counter = 0;

  function track(timeoutMs: number): { id: string; answer: Promise<ServerFrame> } {
    const id = `r${++counter}`;
    const answer = new Promise<ServerFrame>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(id, lost('The server did not answer in time.')),
        timeoutMs,
      );
      waiting.set(id, { resolve, reject, timer });
    });

    return { id, answer };
  }

  /** Settles the request this frame answers; false when it answers none. */
  function settle(frame: ServerFrame): boolean {
    const ref = 'ref' in frame ? frame.ref : undefined;
    const entry = ref === undefined ? undefined : waiting.get(ref);
    if (!entry || ref === undefined) return false;

    waiting.delete(ref);
    clearTimeout(entry.timer);
    if (frame.type === 'error') entry.reject(fromErrorFrame(frame));
    else entry.resolve(frame);
    return true;
  }

  function fail(id: string, error: ApiError): void {
    const entry = waiting.get(id);
    if (!entry) return;

    waiting.delete(id);
    clearTimeout(entry.timer);
    entry.reject(error);
  }

  /** The socket closed: no answer will come for anything still waiting. */
  function failAll(): void {
    for (const id of [...waiting.keys()]) fail(id, lost('The connection was lost.'));
  }

  return { track, settle, fail, failAll };
}

export function lost(message: string): ApiError {
  return new ApiError({ status: 0, code: 'network_error', message });
}

function fromErrorFrame(frame: Extract<ServerFrame, { type: 'error' }>): ApiError {
  return new ApiError({
    status: 0,
    code: frame.code,
    message: frame.message,
    retryAfter: frame.retryAfter,
  });
}
