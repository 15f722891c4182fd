import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when the body was not JSON. */

  body: any;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (past the client's timeout, for timeout tests). */
  delayMs?: number;
  /** Drop the connection instead of answering (a server that is down mid-request). */
  destroy?: boolean;
}

/**
 * A scriptable HTTP server on 127.0.0.1:0: every request is recorded, then answered by the
 * next queued step or, when the queue is empty, by the default. Shared by the Anthropic and
 * Ollama fakes, which only differ in their wire format.
 */
export class FakeServer<Step> {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Step[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server!: http.Server;
  url = '';

  constructor(
    private readonly route: (method: string, path: string) => boolean,
    private readonly render: (step: Step, request: RecordedRequest) => Reply,
    public defaultStep: (request: RecordedRequest) => Step,
    /** Answers some routes itself (stateful endpoints such as Anthropic's batches), leaving the queue to the rest. */
    private readonly intercept?: (request: RecordedRequest) => Reply | null,
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answers the next requests with these steps, in order. */
  enqueue(...steps: Step[]): this {
    this.queue.push(...steps);
    return this;
  }

  /** Forgets recorded requests and queued steps (the default answer stays). */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Every request body as one string, to assert what was (never) sent. */
  allBodies(): string {
    return this.requests.map((request) => JSON.stringify(request.body)).join('\n');
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Recorded as text.
      }
      const path = (req.url ?? '/').split('?')[0];
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body,
      };
      if (!this.route(recorded.method, path)) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      this.requests.push(recorded);
      const intercepted = this.intercept?.(recorded) ?? null;
      const reply =
        intercepted ??
        this.render(
          this.queue.length > 0 ? (this.queue.shift() as Step) : this.defaultStep(recorded),
          recorded,
        );
      const send = () => {
        if (reply.destroy) return void req.socket.destroy();
        if (res.destroyed || req.socket.destroyed) return;
        res
          .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
          .end(reply.body);
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, reply.delayMs);
      this.timers.add(timer);
    });
  }
}
