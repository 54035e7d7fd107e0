import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createInstance, type IHttpConfig, type IHttpRequest, ProblemJsonError } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import type { Chaos } from './chaos';
import { handleControl } from './control';
import { findAnswer, requestIdIn, withFreshRequestId } from './examples';
import { type DocumentFacts, operationFacts } from './facts';
import type { Fleet } from './fleet';
import type { PrismLogger } from './logger';
import type { LogEntry, MutationLog } from './mutation-log';
import { fieldValues } from './request-fields';
import { actionRoute, createInstancekitMock } from './routing';
import { type RawRequest, verifySignature } from './signature';
import { type StatefulAnswer, statefulAnswer } from './stateful';

type HttpConfigPrefs = Partial<IHttpConfig['mock']>;
// Prism's server reads `Prefer:` and `__code` this way; the function is internal to prism-http-server (pinned).
const require = createRequire(import.meta.url);
const { getHttpConfigFromRequest } =
  require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest') as {
    getHttpConfigFromRequest: (
      req: Pick<IHttpRequest, 'headers' | 'url'>,
    ) => { _tag: 'Left'; left: ProblemJsonError } | { _tag: 'Right'; right: HttpConfigPrefs };
  };

/** The state one provider's servers share. */
export interface ProviderState {
  fleet?: Fleet;
  log: MutationLog;
  chaos: Chaos[];
}

export interface ServerContext {
  name: string;
  operations: IHttpOperation[];
  facts: DocumentFacts;
  config: IHttpConfig;
  logger: PrismLogger;
  state: ProviderState;
  /** Key id → secret for this provider; undefined: only the Authorization header's presence is checked. */
  secrets?: ReadonlyMap<string, string>;
  chaos?: Chaos;
  now?: () => number;
}

const SEQ_HEADER = 'x-instancekit-seq';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

function send(
  reply: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const contentType = headers['content-type'] ?? 'application/json';
  const text = typeof body === 'string' || body === undefined ? (body ?? '') : JSON.stringify(body);
  reply.writeHead(status, { ...headers, 'content-type': contentType });
  reply.end(text);
}

/** The request as Prism sees it: JSON bodies parsed, anything else as text, like prism-http-server does. */
function prismInput(raw: RawRequest, url: URL, headers: Record<string, string>): IHttpRequest {
  const text = raw.body.length ? raw.body.toString('utf8') : undefined;
  let body: unknown = text ?? null;
  if (text !== undefined && /json/.test(headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    method: raw.method.toLowerCase() as IHttpRequest['method'],
    url: { path: url.pathname, query: queryOf(url.searchParams) },
    headers,
    body,
  };
}

function routeOf(ctx: ServerContext, input: IHttpRequest): IHttpOperation | undefined {
  const copy = { ...input, url: { ...input.url } };
  const routed = actionRoute({ resources: ctx.operations, input: copy }) as unknown as {
    _tag: string;
    right?: IHttpOperation;
  };
  return routed._tag === 'Right' ? routed.right : undefined;
}

/**
 * One mock server: control endpoints, seeded faults, signature verification (each before Prism, on the bytes as
 * they arrived), then Prism's validation and the stateful or example answer. Replaces prism-http-server's
 * createServer, which parses the body before anything could see its bytes.
 */
export function createMockServer(ctx: ServerContext) {
  const now = ctx.now ?? Date.now;
  const pending = new Map<string, StatefulAnswer>();
  let seq = 0;
  const prism = createInstance(ctx.config, {
    logger: ctx.logger as never,
    route: actionRoute,
    mock: createInstancekitMock((operation, request) => {
      const { fleet } = ctx.state;
      if (!fleet) return undefined;
      const result = statefulAnswer(operation, request, {
        fleet,
        facts: ctx.facts,
        operations: ctx.operations,
      });
      if (!result) return undefined;
      const key = request.headers?.[SEQ_HEADER];
      if (typeof key === 'string') pending.set(key, result);
      return {
        statusCode: result.status,
        headers: { 'content-type': 'application/json' },
        body: result.body,
      };
    }),
  });

  const log = (operation: IHttpOperation | undefined, entry: Omit<LogEntry, 'time' | 'mock' | 'action'>) => {
    if (!operation && !entry.fault) return;
    if (operation && operationFacts(operation).kind !== 'mutation' && !entry.fault) return;
    ctx.state.log.add({
      time: new Date(now()).toISOString(),
      mock: ctx.name,
      action: operation ? String(operation.iid ?? operation.id) : 'unknown',
      ...entry,
    });
  };

  /** Answers with the document's named example `name` (throttling, server error, signature errors). */
  const named = (reply: ServerResponse, operation: IHttpOperation | undefined, name: string) => {
    const found = findAnswer(ctx.operations, name, operation);
    const { body, requestId } = withFreshRequestId(found?.body ?? { message: name });
    send(reply, found?.status ?? 500, body);
    return { status: found?.status ?? 500, requestId: requestId ?? null };
  };

  async function handle(request: IncomingMessage, reply: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const headers = headersOf(request);
    reply.setHeader('access-control-allow-origin', headers.origin ?? '*');
    if (request.method === 'OPTIONS') {
      reply.writeHead(204, {
        'access-control-allow-headers': headers['access-control-request-headers'] ?? '*',
        'access-control-allow-methods': headers['access-control-request-method'] ?? 'GET,POST',
      });
      reply.end();
      return;
    }
    if (url.pathname.startsWith('/__instancekit/')) {
      const answer = handleControl(request.method ?? 'GET', url.pathname, ctx.state, url.searchParams);
      send(reply, answer.status, answer.body);
      return;
    }
    const rawPath = (request.url ?? '/').split('?')[0]!;
    const raw: RawRequest = {
      method: request.method ?? 'GET',
      rawPath,
      rawQuery: (request.url ?? '').includes('?') ? request.url!.slice(request.url!.indexOf('?') + 1) : '',
      headers,
      body,
    };
    const input = prismInput(raw, url, headers);
    const operation = routeOf(ctx, input);
    const instanceIds = operation ? idsFor(operation, input) : [];

    if (ctx.chaos) {
      const decision = ctx.chaos.next();
      if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
      const name =
        decision.fault === 'throttle'
          ? ctx.facts.errors.throttled
          : decision.fault === 'serverError'
            ? ctx.facts.errors.serverError
            : undefined;
      if (decision.fault && name) {
        const sent = named(reply, operation, name);
        log(operation, {
          instanceIds,
          outcome: 'error',
          error: name,
          fault: decision.fault,
          latencyMs: decision.latencyMs,
          ...sent,
        });
        return;
      }
    }

    if (ctx.secrets && ctx.facts.signature) {
      const { signature } = ctx.facts;
      const verdict = verifySignature(signature.scheme, raw, {
        secrets: ctx.secrets,
        service: signature.service,
        skewSeconds: signature.skewSeconds,
        nowMs: now(),
      });
      if (!verdict.ok) {
        const name = signature.errors[verdict.problem];
        const sent = named(reply, operation, name);
        ctx.logger.info(`signature refused (${verdict.problem}): ${verdict.detail}`);
        log(operation, { instanceIds, outcome: 'error', error: name, ...sent });
        return;
      }
    }

    const key = String(++seq);
    input.headers = { ...input.headers, [SEQ_HEADER]: key };
    const prefs = getHttpConfigFromRequest(input);
    if (prefs._tag === 'Left') {
      send(reply, prefs.left.status ?? 400, ProblemJsonError.toProblemJson(prefs.left), {
        'content-type': 'application/problem+json',
      });
      return;
    }
    const config = { ...ctx.config, mock: { ...ctx.config.mock, ...prefs.right } } as IHttpConfig;
    const result = await prism.request(input, ctx.operations, config)();
    const stateful = pending.get(key);
    pending.delete(key);
    if (result._tag === 'Left') {
      const error = result.left as ProblemJsonError & { additional?: { headers?: Record<string, string> } };
      send(reply, error.status || 500, ProblemJsonError.toProblemJson(error), {
        ...(error.additional?.headers ?? {}),
        'content-type': 'application/problem+json',
      });
      log(operation, {
        instanceIds,
        requestId: null,
        outcome: 'error',
        error: error.name,
        status: error.status || 500,
      });
      return;
    }
    const { output, validations } = result.right;
    const broken = validations.output.filter((v) => v.severity === 0);
    if (ctx.config.errors && broken.length > 0) {
      // An answer that breaks the spec (an example, or a stateful answer) is a bug of the spec or the mock: say so.
      send(
        reply,
        500,
        {
          type: 'https://stoplight.io/prism/errors#VIOLATIONS',
          title: 'Response not valid',
          status: 500,
          validation: broken,
        },
        { 'content-type': 'application/problem+json' },
      );
      return;
    }
    const outHeaders = Object.fromEntries(
      Object.entries(output.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    if (output.statusCode === 401 && (output.body === undefined || output.body === '')) {
      // The spec has no 401 answer (Tencent, the legacy gateway): Prism's own is empty, the reason only in the
      // sl-violations header. Say in the body what is missing, as the 422 answer does.
      send(reply, 401, unauthorized(operation, validations.input), {
        ...outHeaders,
        'content-type': 'application/problem+json',
      });
      log(operation, { instanceIds, requestId: null, outcome: 'error', error: 'UNAUTHORIZED', status: 401 });
      return;
    }
    send(reply, output.statusCode, output.body, outHeaders);
    log(operation, {
      instanceIds: stateful?.instanceIds ?? instanceIds,
      requestId: stateful?.requestId ?? requestIdIn(output.body) ?? null,
      outcome: stateful?.outcome ?? (output.statusCode < 300 ? 'example' : 'error'),
      ...(stateful?.error ? { error: stateful.error } : {}),
      status: output.statusCode,
    });
  }

  const server = createHttpServer((request, reply) => {
    handle(request, reply).catch((error: unknown) => {
      ctx.logger.error(`request failed: ${String(error)}`);
      if (!reply.headersSent) send(reply, 500, { message: 'instancekit-mock: internal error' });
      else reply.end();
    });
  });
  return server;
}

/**
 * The problem+json of an unsigned request: what the operation's security requires (each scheme's name, where it
 * goes and which parameter or header carries it) and Prism's violations.
 */
function unauthorized(
  operation: IHttpOperation | undefined,
  violations: readonly { code?: unknown; message?: string; location?: unknown }[],
): unknown {
  const required = (operation?.security ?? []).flat().map((scheme) => {
    const {
      key,
      type,
      in: where,
      name,
    } = scheme as { key: string; type: string; in?: string; name?: string };
    return { scheme: key, type, in: where, name };
  });
  const missing = required.map((r) => (r.name ? `${r.in} ${r.name}` : r.scheme)).join(' or ');
  return {
    type: 'https://stoplight.io/prism/errors#UNAUTHORIZED',
    title: 'Invalid security scheme used',
    status: 401,
    detail: `The request is not signed: ${operation?.iid ?? operation?.path ?? 'this operation'} requires ${missing || 'a signature'}.`,
    required,
    validation: violations
      .filter((v) => v.code === 401)
      .map(({ location, message }) => ({ location, severity: 'Error', code: 401, message })),
  };
}

/** The instance ids a mutation names (for the log), from its lifecycle facts; JD's `%3A` read as `:`. */
function idsFor(operation: IHttpOperation, input: IHttpRequest): string[] {
  const lifecycle = operationFacts(operation).lifecycle;
  if (!lifecycle) return [];
  const path = input.url.path.replace(/%3a/gi, ':');
  return fieldValues({ ...input, url: { ...input.url, path } }, operation.path, lifecycle.instance);
}
