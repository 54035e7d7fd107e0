// A tiny real HTTP server on 127.0.0.1 that answers each request with the next behaviour of a script and
// records every request it receives, so a test can assert what actually reached the wire.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The action: X-TC-Action / X-ZC-Action header, else the legacy `Action` query, else from JD's path. */
  action: string;
}

export type Behaviour =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status?: number; body: string; contentType?: string; headers?: Record<string, string> }
  /** Read the request, never answer. */
  | { kind: 'hang' }
  /** Read the request, then destroy the socket without a byte of response. */
  | { kind: 'reset' };

/** A fixed list (the last entry repeats), or a function of the request and its 0-based index. */
export type Script = readonly Behaviour[] | ((request: RecordedRequest, index: number) => Behaviour);

export interface FaultServer {
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** How many requests reached the server. */
  readonly count: number;
  /** Requests whose action is `action`. */
  countOf(action: string): number;
  close(): Promise<void>;
}

/** The action of a request: header, legacy `Action` query, or JD's path (`:resizeInstance`, `/instances/{id}`). */
export function actionOf(url: string, headers: Record<string, string | string[] | undefined>): string {
  const header = headers['x-tc-action'] ?? headers['x-zc-action'];
  if (typeof header === 'string') return header;
  const [rawPath = '/', query = ''] = url.split('?');
  const fromQuery = new URLSearchParams(query).get('Action');
  if (fromQuery) return fromQuery;
  // JD Cloud: `/v1/regions/r/instances/i-x:resizeInstance`, `/v1/regions/r/calculateTotalPrice`,
  // `/v1/regions/r/instances/i-x` (describeInstance), `/v1/regions/r/instanceTypes` (describeInstanceTypes).
  const path = decodeURIComponent(rawPath);
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (last.includes(':')) return last.slice(last.indexOf(':') + 1);
  if (/\/instances\/[^/]+$/.test(path)) return 'describeInstance';
  if (path.endsWith('/instanceTypes')) return 'describeInstanceTypes';
  return last;
}

export async function startFaultServer(script: Script): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        action: actionOf(req.url ?? '/', req.headers),
      };
      const index = requests.length;
      requests.push(recorded);
      const behaviour =
        typeof script === 'function' ? script(recorded, index) : script[Math.min(index, script.length - 1)]!;
      switch (behaviour.kind) {
        case 'hang':
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'json': {
          const body = JSON.stringify(behaviour.body);
          res.writeHead(behaviour.status ?? 200, {
            'content-type': 'application/json',
            ...behaviour.headers,
          });
          res.end(body);
          return;
        }
        case 'text':
          res.writeHead(behaviour.status ?? 200, {
            ...(behaviour.contentType ? { 'content-type': behaviour.contentType } : {}),
            ...behaviour.headers,
          });
          res.end(behaviour.body);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get count() {
      return requests.length;
    },
    countOf: (action) => requests.filter((r) => r.action === action).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The URL of a port that was just listening and is now closed: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
