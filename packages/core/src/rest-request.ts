import type { OperationSpec } from './operation-client.js';
import type { RequestParts } from './wire-request.js';

/** How a REST client lays out one operation's flat input; the provider says only what is its own. */
export interface RestLayout {
  /** Path parameters the client fills from its own options (`{ regionId: region }`), never from the input. */
  readonly filled?: Readonly<Record<string, unknown>>;
  /** Input fields sent as a family of query parameters (JD's `filters` → `filters.N.name`, …). */
  readonly expand?: Readonly<Record<string, (value: never) => Record<string, unknown>>>;
  readonly querySerializer?: (query: Record<string, unknown>) => string;
}

/** The layout of a call that names none: one object, so the placement cache below keeps one entry for it. */
const NO_LAYOUT: RestLayout = Object.freeze({});

/**
 * The request parts of a REST operation (one URL per operation, as JD's): the table's path and query parameters
 * by name, the expanded families into the query, everything else as the JSON body. A non-GET whose spec declares
 * no body field goes without a body (JD's startInstance), as the official SDKs send it.
 */
export function restRequestParts(
  operation: OperationSpec,
  input: Record<string, unknown>,
  layout: RestLayout = NO_LAYOUT,
): RequestParts {
  const { pathParams, queryParams, takesBody } = placementOf(operation, layout);
  const expand = layout.expand ?? {};
  const path: Record<string, unknown> = { ...layout.filled };
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (value === undefined) continue;
    if (pathParams.has(name)) path[name] = value;
    else if (queryParams.has(name)) query[name] = value;
    else if (Object.hasOwn(expand, name)) Object.assign(query, expand[name]!(value as never));
    else body[name] = value;
  }
  const parts: RequestParts = { params: { path, query } };
  if (layout.querySerializer) parts.querySerializer = layout.querySerializer;
  if (takesBody) parts.body = body;
  return parts;
}

interface Placement {
  readonly pathParams: ReadonlySet<string>;
  readonly queryParams: ReadonlySet<string>;
  /** A non-GET whose spec declares a body field. */
  readonly takesBody: boolean;
}

/** Where an operation's fields go, worked out once per operation and layout: the tables never change. */
const placements = new WeakMap<OperationSpec, WeakMap<RestLayout, Placement>>();

function placementOf(operation: OperationSpec, layout: RestLayout): Placement {
  let byLayout = placements.get(operation);
  if (!byLayout) {
    byLayout = new WeakMap();
    placements.set(operation, byLayout);
  }
  let placement = byLayout.get(layout);
  if (!placement) {
    const pathParams = new Set(operation.pathParams ?? []);
    const queryParams = new Set(operation.queryParams ?? []);
    const expand = layout.expand ?? {};
    const inBody = (name: string) =>
      !pathParams.has(name) && !queryParams.has(name) && !Object.hasOwn(expand, name);
    const takesBody =
      operation.method.toLowerCase() !== 'get' && Object.keys(operation.input?.properties ?? {}).some(inBody);
    placement = { pathParams, queryParams, takesBody };
    byLayout.set(layout, placement);
  }
  return placement;
}
