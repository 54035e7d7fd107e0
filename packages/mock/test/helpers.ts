import { fileURLToPath } from 'node:url';
import { readSpecOperations, type SpecOperation } from './spec-reader';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export const FIXTURES = {
  'tencent-api3': fixture('tencent-api3.yaml'),
  'tencent-legacy': fixture('tencent-legacy.yaml'),
  zenlayer: fixture('zenlayer-zec.yaml'),
  jdcloud: fixture('jdcloud-vm.yaml'),
} as const;

export interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

/** A real HTTP request; the body is parsed as JSON when it is JSON. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown = text;
  if (/json/.test(contentType) && text) body = JSON.parse(text);
  return { status: response.status, contentType, body };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'SIGNED test-signature', ...headers },
    body: JSON.stringify(body),
  };
}

/** The named example `name` of operation `operationId` in `spec`. */
export function example(spec: string, operationId: string, name: string) {
  const op = operation(spec, operationId);
  const found = op.examples.find((ex) => ex.name === name);
  if (!found) throw new Error(`${spec}: ${operationId} has no example ${name}`);
  return found;
}

export function operation(spec: string, operationId: string): SpecOperation {
  const op = readSpecOperations(spec).find((o) => o.operationId === operationId);
  if (!op) throw new Error(`${spec}: no operation ${operationId}`);
  return op;
}

/** Every value of every named example of the spec (to assert an answer is none of them). */
export function allExampleValues(spec: string): unknown[] {
  return readSpecOperations(spec).flatMap((op) => op.examples.map((ex) => ex.value));
}

/** Prism's problem+json "type" suffix, e.g. `UNPROCESSABLE_ENTITY`. */
export function problemType(answer: Answer): string | undefined {
  const body = answer.body as { type?: unknown } | undefined;
  return typeof body?.type === 'string' ? body.type.split('#')[1] : undefined;
}

/** A base port with `count` consecutive free ports on 127.0.0.1 (probed by listening on each). */
export async function freePortRange(count: number): Promise<number> {
  const { createServer } = await import('node:net');
  const listen = (port: number) =>
    new Promise<import('node:net').Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers: import('node:net').Server[] = [];
    try {
      for (let i = 0; i < count; i++) servers.push(await listen(base + i));
      return base;
    } catch {
      // busy; try another range
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/** Occupies a port on 127.0.0.1 until `close()`. */
export async function occupyPort(port: number): Promise<{ close(): Promise<void> }> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
