import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny JSON HTTP server for fakes of third-party APIs: records every request, answers through a
// handler, and lets a test queue canned failures.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface CannedAnswer {
  status: number;
  body: unknown;
}

export interface FakeHttp {
  url: string;
  requests: RecordedRequest[];
  /** The next request(s) get these answers, in order, instead of the handler's. */
  failNext(...answers: CannedAnswer[]): void;
  /** Resolves with the n-th request (1-based) once it has arrived. */
  request(n: number, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export type Handler = (req: RecordedRequest) => CannedAnswer;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startFakeHttp(handler: Handler): Promise<FakeHttp> {
  const requests: RecordedRequest[] = [];
  const canned: CannedAnswer[] = [];
  const waiters: { n: number; resolve: (r: RecordedRequest) => void }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readJson(req).then((body) => {
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      requests.push(recorded);
      const answer = canned.shift() ?? handler(recorded);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
      for (const w of waiters.filter((w) => w.n <= requests.length)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(requests[w.n - 1]!);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(...answers) {
      canned.push(...answers);
    },
    request(n, timeoutMs = 5000) {
      if (requests.length >= n) return Promise.resolve(requests[n - 1]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake API: no request #${n} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          n,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
