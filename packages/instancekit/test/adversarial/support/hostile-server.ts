// Hostile servers on 127.0.0.1: each answers with a behaviour a broken proxy or a malicious endpoint could
// show (redirects, bodies that trickle, never end or are huge, a close right after the headers, bytes that are
// not HTTP) and counts what reached it, so a test asserts both the error and that nothing was sent twice.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';

export interface Received {
  method: string;
  url: string;
  body: string;
}

export interface HostileServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export type Behave = (request: Received, response: ServerResponse, raw: IncomingMessage) => void;

export async function startHostileServer(behave: Behave): Promise<HostileServer> {
  const received: Received[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString(),
      };
      received.push(request);
      behave(request, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headers, then one byte every `everyMs` for ever: a slowloris body. */
export const trickle =
  (everyMs: number): Behave =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{');
    const timer = setInterval(() => response.write(' '), everyMs);
    response.on('close', () => clearInterval(timer));
  };

/** A chunked body written as fast as the client reads it, never ending. */
export const endless: Behave = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (!response.destroyed && response.write(chunk)) {}
  };
  response.on('drain', pump);
  pump();
};

/** Declares a huge Content-Length and starts sending it. */
export const huge =
  (bytes: number): Behave =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (!response.destroyed && sent < bytes && response.write(chunk)) sent += chunk.length;
    };
    response.on('drain', pump);
    pump();
  };

/** The status line and headers, then the socket closes. */
export const closeAfterHeaders: Behave = (_request, response, raw) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  response.flushHeaders();
  setTimeout(() => raw.socket.destroy(), 20);
};

/** Never answers. */
export const hang: Behave = () => {};

/** A raw TCP server that answers every connection with bytes that are not HTTP. */
export async function startGarbageServer(): Promise<HostileServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('data', (data) => {
      received.push({ method: 'RAW', url: '', body: data.toString() });
      socket.end('\x00\x01\x02 this is not HTTP \xff\xfe\r\n\r\n');
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
