import WebSocket from 'ws';

/** A test client that queues the frames it receives, to await them one by one. */
export class TestSocket {
  private readonly queue: any[] = [];
  private waiting: Array<(frame: any) => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      const next = this.waiting.shift();
      if (next) next(frame);
      else this.queue.push(frame);
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static open(port: number, token: string, headers: Record<string, string> = {}) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, {
      headers,
    });
    return new Promise<TestSocket>((resolve, reject) => {
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** The next frame, failing after `timeoutMs`. */
  next(timeoutMs = 3_000): Promise<any> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);

    return new Promise((resolve, reject) => {
      const waiter = (frame: any) => {
        clearTimeout(timer);
        resolve(frame);
      };
      // A waiter that timed out must not swallow a later frame.
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new Error('no frame arrived'));
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  /** The next frame that matches, dropping the ones before it. */
  async until(match: (frame: any) => boolean, timeoutMs = 5_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = await this.next(Math.max(1, deadline - Date.now()));
      if (match(frame)) return frame;
    }
  }

  /** Every frame that arrives within `ms`, for checking that nothing (more) came. */
  async drain(ms: number): Promise<any[]> {
    const frames: any[] = [];
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return frames;
      try {
        frames.push(await this.next(left));
      } catch {
        return frames;
      }
    }
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  close(): void {
    this.ws.close();
  }
}
