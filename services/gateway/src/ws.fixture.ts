import WebSocket from 'ws';

interface Waiter {
  match: (frame: any) => boolean;
  resolve: (frame: any) => void;
}

/**
 * A test client that queues the frames it receives, to await them. A frame nobody waits for
 * stays queued until a `next` or a matching `until` takes it, so a frame that arrives early
 * (a deliver before its sender's ack) is never lost to a wait for another one.
 */
export class TestSocket {
  private readonly queue: any[] = [];
  private waiting: Waiter[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      const waiter = this.waiting.find((w) => w.match(frame));
      if (!waiter) {
        this.queue.push(frame);
        return;
      }
      this.waiting = this.waiting.filter((w) => w !== waiter);
      waiter.resolve(frame);
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

  /** The oldest frame not yet taken, failing after `timeoutMs`. */
  next(timeoutMs = 3_000): Promise<any> {
    return this.until(() => true, timeoutMs);
  }

  /** The oldest frame that matches; the frames before it stay queued for later waits. */
  until(match: (frame: any) => boolean, timeoutMs = 5_000): Promise<any> {
    const index = this.queue.findIndex(match);
    if (index >= 0) return Promise.resolve(this.queue.splice(index, 1)[0]);

    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      // A waiter that timed out must not swallow a later frame.
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new Error('no frame arrived'));
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  /** Every frame queued or arriving within `ms`, for checking that nothing (more) came. */
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
