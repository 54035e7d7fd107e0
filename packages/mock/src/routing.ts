import { createRequire } from 'node:module';
import type { IHttpRequest, PrismHttpComponents } from '@stoplight/prism-http';

type Route = PrismHttpComponents['route'];
type Mock = PrismHttpComponents['mock'];
type Operation = Parameters<Route>[0]['resources'][number];

// Prism's own router and mocker are internal modules (no `exports` map, not re-exported), hence the exact
// version pins in package.json. The route component below narrows the operations and then defers to them.
const require = createRequire(import.meta.url);
const prismRoute: Route = require('@stoplight/prism-http/dist/router').default;
const prismMock: Mock = require('@stoplight/prism-http/dist/mocker').default;

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}

interface ActionParameters {
  /** Lower-cased, as Node delivers request header names. */
  headers: string[];
  query: string[];
}

const actionParametersOf = new WeakMap<readonly Operation[], ActionParameters>();

/**
 * The parameters that name the action in a spec's `<path>#<Action>` operations: the header or query parameter
 * whose `const` is the fragment (`X-TC-Action`, `X-ZC-Action`, the legacy gateway's `Action`). Read from the
 * operations, as the generator and the lint rule do, so a new provider's action header needs no list here.
 */
export function actionParameters(resources: readonly Operation[]): ActionParameters {
  let found = actionParametersOf.get(resources);
  if (found) return found;
  const headers = new Set<string>();
  const query = new Set<string>();
  for (const operation of resources) {
    const hash = operation.path.indexOf('#');
    if (hash < 0) continue;
    const action = operation.path.slice(hash + 1);
    const names = (params: ReadonlyArray<{ name: string; schema?: { const?: unknown } }> = []) =>
      params.filter((p) => p.schema?.const === action).map((p) => p.name);
    for (const name of names(operation.request?.headers)) headers.add(name.toLowerCase());
    for (const name of names(operation.request?.query)) query.add(name);
  }
  found = { headers: [...headers], query: [...query] };
  actionParametersOf.set(resources, found);
  return found;
}

/** The action a request names: the spec's action header, else its action query parameter. */
export function readAction(input: IHttpRequest, resources: readonly Operation[]): string | undefined {
  const { headers: headerNames, query } = actionParameters(resources);
  const headers = input.headers ?? {};
  for (const name of headerNames) {
    const value = single(headers[name]);
    if (value) return value;
  }
  for (const name of query) {
    const value = single(input.url.query?.[name]);
    if (value) return value;
  }
  return undefined;
}

/**
 * JD Cloud's client sends the custom-method colon percent-encoded (`i-abc%3AresizeInstance`) because JD's gateway
 * signs it that way. Prism decodes segments when matching paths, but extracts path parameters from the raw path,
 * where `{instanceId}:resizeInstance` does not match `i-abc%3AresizeInstance`. Decode `%3A` (and only that) on
 * the request itself, so the router and the validator both see `i-abc:resizeInstance`.
 */
export function decodeEncodedColons(input: IHttpRequest): void {
  if (/%3a/i.test(input.url.path)) input.url.path = input.url.path.replace(/%3a/gi, ':');
}

/**
 * Action-aware routing for "one URL, many actions" specs, whose path keys are `<real path>#<Action>`
 * (`/#ResetInstancesType`, `/v2/index.php#ResetInstancesType`, `/api/v2/zec#ModifyInstanceType`).
 *
 * When the request path has such operations and the request names an action, only the operations keyed
 * `<path>#<action>` are handed to Prism's router, with the path rewritten to that key. An action without an
 * operation is routed as `<path>#<action>` over all operations, so Prism answers 404 NO_PATH_MATCHED_ERROR
 * instead of picking another action. Without an action (or for plain REST paths such as JD Cloud's) Prism's
 * default routing runs over every operation.
 */
export const actionRoute: Route = ({ resources, input }) => {
  decodeEncodedColons(input);
  const action = readAction(input, resources);
  const prefix = `${input.url.path}#`;
  if (!action || !resources.some((operation) => operation.path.startsWith(prefix))) {
    return prismRoute({ resources, input });
  }
  const key = prefix + action;
  const matching = resources.filter((operation) => operation.path === key);
  // The rewritten path is used for routing only; validation and mocking see the real request.
  return prismRoute({
    resources: matching.length > 0 ? matching : resources,
    input: { ...input, url: { ...input.url, path: key } },
  });
};

/** The status code of the first response of `operation` that holds a named example `exampleKey`. */
export function findExampleStatus(operation: Operation, exampleKey: string): number | undefined {
  for (const response of operation.responses) {
    const holds = (response.contents ?? []).some((content) =>
      (content.examples ?? []).some((example) => example.key === exampleKey),
    );
    if (!holds) continue;
    if (/^\d{3}$/.test(response.code)) return Number(response.code);
    if (/^\dXX$/i.test(response.code)) return Number(`${response.code[0]}00`);
  }
  return undefined;
}

/** A request-validation error that is not a security (401) one. */
function hasNonSecurityErrors(validations: readonly { severity: unknown; code?: unknown }[]): boolean {
  const errors = validations.filter((v) => v.severity === 0 /* DiagnosticSeverity.Error */);
  return errors.length > 0 && !errors.some((v) => v.code === 401);
}

/**
 * Prism's mock component, with two changes:
 *
 * 1. Named examples under any status. Prism looks up `Prefer: example=<name>` only in the response it
 *    negotiates (the lowest 2xx unless `code=` is given), so an error example under 404 is "not found". Prism
 *    parses the Prefer header into the per-request mock config *before* routing, so rewriting the header in the
 *    route component has no effect; this component, which knows the routed operation, sets `code` to the
 *    status of the response holding that example. An explicit `Prefer: code=…` is left alone.
 * 2. A request that breaks the spec gets Prism's own 422 problem+json listing the violations. Stock Prism
 *    answers with the spec's 422/400/default response instead when there is one, i.e. with the *first* documented
 *    400 example (Zenlayer: some `OPERATION_FAILED_…` code) — indistinguishable from a real provider error and
 *    silent about what was wrong. Security failures still get 401 (the spec's 401 response if it has one).
 */
export const instancekitMock: Mock = (opts) => createInstancekitMock()(opts);

/** A response the stateful mode computed for a validated request (undefined: answer with the spec's examples). */
export type StatefulResponder = (
  operation: Operation,
  request: IHttpRequest,
) => { statusCode: number; headers: Record<string, string>; body: unknown } | undefined;

/**
 * {@link instancekitMock} with a stateful responder: a request that passed validation (security included) is first
 * offered to `stateful`; only when it has no answer do the named examples answer. Prism then validates the stateful
 * answer against the spec like any example.
 */
export function createInstancekitMock(stateful?: StatefulResponder): Mock {
  return (opts) => {
    if (stateful && !opts.input.validations.some((v) => v.severity === 0)) {
      const response = stateful(opts.resource, opts.input.data);
      // A Reader of an Either.right, built by hand: fp-ts is Prism's dependency, not ours.
      if (response) return () => ({ _tag: 'Right', right: response }) as never;
    }
    return stockAnswer(opts);
  };
}

const stockAnswer: Mock = (opts) => {
  if (hasNonSecurityErrors(opts.input.validations)) {
    const responses = opts.resource.responses.filter(
      (response) => !['400', '422', '4XX', 'default'].includes(response.code.toUpperCase()),
    );
    return prismMock({ ...opts, resource: { ...opts.resource, responses } });
  }
  const { exampleKey, code } = opts.config;
  if (exampleKey && code === undefined) {
    const status = findExampleStatus(opts.resource, exampleKey);
    if (status !== undefined) return prismMock({ ...opts, config: { ...opts.config, code: status } });
  }
  return prismMock(opts);
};
