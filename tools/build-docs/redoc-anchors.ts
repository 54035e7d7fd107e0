/**
 * Redoc 3's deep links (@redocly/cli 2.77, Redoc 3.0.1), so the provenance page can link an operation or a field
 * to where the rendered reference shows it. Redoc routes by hash once hydrated: `#/<tag>/<operation>` opens an
 * operation, `#/<tag>/<operation>#<tag>/<operation>/<field>` scrolls to one of its fields (expanding collapsed
 * levels and picking the response tab). Read off the pages' own link icons; docs-site.test.ts opens every link
 * the site makes in Chromium and fails when an element is missing, so a Redoc upgrade that changes them shows.
 */

/** `#/<tag>/<operationId>` without the `#`: the tag as Redoc slugs it, the operationId lower-cased. */
export function operationHash(tag: string, operationId: string): string {
  return `/${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${operationId.toLowerCase()}`;
}

/** A field of an operation: the operation's hash, then `#` and the field's element id. */
export function fieldHash(operation: string, field: string): string {
  return `${operation}#${operation.slice(1)}/${field}`;
}

const PARAMETER_IN: Record<string, string> = {
  header: 'headers',
  query: 'query',
  path: 'path',
  cookie: 'cookies',
};

/** A parameter row: `t=request&in=headers&path=x-tc-region`. */
export function parameterField(location: string, name: string): string {
  return `t=request&in=${PARAMETER_IN[location] ?? location}&path=${name.toLowerCase()}`;
}

/**
 * Where a request or response body is, by response status: the `request/body` or `response&c=200/body` block
 * (a range such as `4XX` lower-cased, as all of Redoc's ids are).
 */
export function bodyField(status?: string): string {
  return status === undefined ? 'request/body' : `response&c=${status.toLowerCase()}/body`;
}

/**
 * A property inside a body. Redoc joins the lower-cased names with `/`, marks an array of objects `name[]`, the
 * items of an array of scalars `name/[i]`, and the n-th alternative of a oneOf or anyOf `name&oneof=n`
 * (`segments` carry those already; see `arraySegment` and `variantSegment`).
 */
export function propertyField(segments: readonly string[], status?: string): string {
  const scope = status === undefined ? 't=request' : `t=response&c=${status.toLowerCase()}`;
  return `${scope}&path=${segments.join('/')}`;
}

export function propertySegment(name: string): string {
  return name.toLowerCase();
}

/** The last segment as the parent of an array's object items. */
export function arraySegment(segments: readonly string[]): string[] {
  return segments.length === 0 ? [] : [...segments.slice(0, -1), `${segments.at(-1)}[]`];
}

/** The items row of an array of scalars. */
export const SCALAR_ITEMS_SEGMENT = '[i]';

/** The n-th alternative of a oneOf/anyOf at the last segment. */
export function variantSegment(segments: readonly string[], index: number): string[] {
  return segments.length === 0 ? [] : [...segments.slice(0, -1), `${segments.at(-1)}&oneof=${index}`];
}
