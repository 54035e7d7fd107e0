/**
 * Where each node of the specs' source files is shown in the rendered reference. The walk starts at every
 * operation of every spec root and follows `$ref`s across files (a schema of specs/tencent-cvm/components.yaml
 * is shown in both Tencent pages), so a mark on a shared component gets every place it applies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  arraySegment,
  bodyField,
  fieldHash,
  operationHash,
  parameterField,
  propertyField,
  propertySegment,
  SCALAR_ITEMS_SEGMENT,
  variantSegment,
} from './redoc-anchors';

type Json = Record<string, unknown>;

/** A node of a source file: the file from the repository root and the keys that lead to it. */
export interface SourceLocation {
  file: string;
  path: readonly string[];
}

/** One place of the rendered reference. */
export interface Place {
  /** The API page (`tencent-cvm-api3`, its file without `.html`). */
  api: string;
  operationId: string;
  /** The field as a reader names it (`Response.InstanceSet[].Placement.Zone`, `header X-TC-Region`); empty for the operation. */
  field: string;
  /** Redoc's hash for it, without the leading `#`. */
  hash: string;
}

export function locationKey(location: SourceLocation): string {
  return `${location.file}\u0000${location.path.join('\u0000')}`;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export class SourceFiles {
  readonly #docs = new Map<string, unknown>();
  constructor(readonly repoRoot: string) {}

  read(file: string): unknown {
    let doc = this.#docs.get(file);
    if (doc === undefined) {
      doc = parse(readFileSync(join(this.repoRoot, file), 'utf8'));
      this.#docs.set(file, doc);
    }
    return doc;
  }

  /** The target of a `$ref` written in `from`, with its location. */
  resolve(ref: string, from: string): { node: unknown; location: SourceLocation } {
    const [filePart = '', fragment = ''] = ref.split('#', 2);
    const file = filePart
      ? relative(this.repoRoot, resolve(this.repoRoot, dirname(from), filePart)).replaceAll('\\', '/')
      : from;
    const path = fragment
      .split('/')
      .filter(Boolean)
      .map((raw) => decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = this.read(file);
    for (const key of path) node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
    if (node === undefined) throw new Error(`${from}: unresolvable $ref ${ref}`);
    return { node, location: { file, path } };
  }
}

/** A node reached through `$ref`s: every location on the chain shows at the same place. */
interface Reached {
  node: Json;
  chain: SourceLocation[];
  /** The node at each location of the chain. */
  nodes: Json[];
}

/**
 * Which nodes show which others' descriptions. Redoc shows one description per row: a `$ref`'s sibling
 * description instead of its target's, a parameter's instead of its schema's, an array property's instead of
 * its items', a response's instead of its examples', and for a row of alternatives (anyOf/oneOf) the first
 * alternative's instead of the row's own. A mark on a node whose description is not shown is shown by the
 * node that is (`shownBy`: marked node → the nodes showing it).
 */
export type ShownBy = Map<string, Set<string>>;

/** Where a schema is shown: its row's field name and Redoc segments, and the prefix its properties go under. */
interface SchemaScope {
  names: readonly string[];
  /** The row the schema itself is shown at (empty: the whole body). */
  row: readonly string[];
  /** The segments its properties extend (an array's items: `name[]`; a oneOf alternative: `name&oneof=n`). */
  prefix: readonly string[];
  status: string | undefined;
}

/** The places of one operation, walked from its parameters, request body and responses. */
class OperationWalker {
  constructor(
    private readonly files: SourceFiles,
    private readonly record: (location: SourceLocation, place: Place) => void,
    private readonly shownBy: ShownBy,
    /** Whether a node will carry a description on the rendered page (its own, or a provenance badge). */
    private readonly described: (location: SourceLocation, node: Json) => boolean,
    private readonly api: string,
    private readonly operationId: string,
    private readonly opHash: string,
    private readonly opLocation: SourceLocation,
  ) {}

  mark(chain: readonly SourceLocation[], field: string, redocField?: string): void {
    const hash = redocField === undefined ? this.opHash : fieldHash(this.opHash, redocField);
    for (const location of chain)
      this.record(location, { api: this.api, operationId: this.operationId, field, hash });
  }

  /**
   * The location whose description Redoc shows for a chain: `by` when another node shows it (a parameter for
   * its schema), else the first on the chain that has one. Every other location of the chain is shown by it.
   */
  display(reached: Reached, by?: string): string {
    const keys = reached.chain.map(locationKey);
    const index = reached.chain.findIndex((location, i) => this.described(location, reached.nodes[i]!));
    const shown = by ?? keys[index === -1 ? keys.length - 1 : index]!;
    for (const key of keys)
      if (key !== shown) this.shownBy.set(key, (this.shownBy.get(key) ?? new Set()).add(shown));
    return shown;
  }

  /** The node at `location` (following `$ref`s, never around a cycle), or undefined for a non-object. */
  follow(node: unknown, location: SourceLocation, seen: readonly string[] = []): Reached | undefined {
    const chain = [location];
    const nodes: unknown[] = [node];
    let current = node;
    while (isObject(current) && typeof current.$ref === 'string') {
      const target = this.files.resolve(current.$ref, chain.at(-1)!.file);
      const key = locationKey(target.location);
      if (seen.includes(key) || chain.some((known) => locationKey(known) === key)) return undefined;
      current = target.node;
      chain.push(target.location);
      nodes.push(current);
    }
    return isObject(current) ? { node: current, chain, nodes: nodes as Json[] } : undefined;
  }

  parameter(reached: Reached | undefined): void {
    if (!reached || typeof reached.node.name !== 'string') return;
    const redocField = parameterField(String(reached.node.in), reached.node.name);
    const label = `${reached.node.in} ${reached.node.name}`;
    this.mark(reached.chain, label, redocField);
    const shown = this.display(reached);
    const inner = reached.chain.at(-1)!;
    const schema = this.follow(reached.node.schema, { file: inner.file, path: [...inner.path, 'schema'] });
    if (!schema) return;
    this.mark(schema.chain, label, redocField);
    this.display(schema, shown);
  }

  /** A request body (`status` undefined) or a response: itself, its examples and its schema's fields. */
  body(reached: Reached | undefined, status: string | undefined): void {
    if (!reached) return;
    const label = status === undefined ? 'request' : `response ${status}`;
    const contents = isObject(reached.node.content) ? reached.node.content : {};
    if (Object.keys(contents).length === 0) {
      // Redoc 3 renders neither a body block nor the description of a response without content: the
      // operation (its description) is where such a response's marks can show.
      this.mark(reached.chain, `${label} (no body)`);
      this.display(reached, locationKey(this.opLocation));
      return;
    }
    this.mark(reached.chain, `${label} body`, bodyField(status));
    const shown = this.display(reached);
    const inner = reached.chain.at(-1)!;
    for (const [mediaType, content] of Object.entries(contents)) {
      if (!isObject(content)) continue;
      const at = { file: inner.file, path: [...inner.path, 'content', mediaType] };
      const examples = isObject(content.examples) ? content.examples : {};
      for (const [name, example] of Object.entries(examples)) {
        const found = this.follow(example, { ...at, path: [...at.path, 'examples', name] });
        if (!found) continue;
        this.mark(found.chain, `${label} example ${name}`, bodyField(status));
        this.display(found, shown);
      }
      const schema = this.follow(content.schema, { ...at, path: [...at.path, 'schema'] });
      this.schema(schema, { names: [], row: [], prefix: [], status }, [], undefined);
    }
  }

  /** A schema shown at `scope`; `by` is the location showing its description when another node does. */
  schema(
    reached: Reached | undefined,
    scope: SchemaScope,
    seen: readonly string[],
    by: string | undefined,
  ): void {
    if (!reached) return;
    const { node, chain } = reached;
    const { names, row, prefix, status } = scope;
    this.mark(chain, names.join('.'), row.length ? propertyField(row, status) : bodyField(status));
    const inner = chain.at(-1)!;
    const nextSeen = [...seen, ...chain.map(locationKey)];
    const child = (keys: string[], value: unknown) =>
      this.follow(value, { file: inner.file, path: [...inner.path, ...keys] }, nextSeen);
    const alternatives = (['oneOf', 'anyOf'] as const).flatMap((keyword) =>
      (Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : []).map(
        (variant, index) => [keyword, index, child([keyword, String(index)], variant)] as const,
      ),
    );
    // A row of alternatives shows the first one's description, so that one shows the row's marks too.
    const first = alternatives[0]?.[2];
    const shown = this.display(reached, first ? locationKey(first.chain[0]!) : by);

    for (const [name, value] of Object.entries(isObject(node.properties) ? node.properties : {})) {
      const segments = [...prefix, propertySegment(name)];
      this.schema(
        child(['properties', name], value),
        { names: [...names, name], row: segments, prefix: segments, status },
        nextSeen,
        undefined,
      );
    }
    const items = node.items === undefined ? undefined : child(['items'], node.items);
    if (items && hasFields(items.node)) {
      const itemNames = names.length ? [...names.slice(0, -1), `${names.at(-1)}[]`] : names;
      this.schema(items, { names: itemNames, row, prefix: arraySegment(prefix), status }, nextSeen, shown);
    } else if (items) {
      this.mark(items.chain, `${names.join('.')}[]`, propertyField([...row, SCALAR_ITEMS_SEGMENT], status));
      this.display(items);
    }
    for (const [, index, variant] of alternatives)
      this.schema(
        variant,
        { ...scope, prefix: variantSegment(prefix, index) },
        nextSeen,
        index === 0 && variant ? locationKey(variant.chain[0]!) : undefined,
      );
    const parts = Array.isArray(node.allOf) ? node.allOf : [];
    for (const [index, part] of parts.entries())
      this.schema(child(['allOf', String(index)], part), scope, nextSeen, shown);
  }
}

/** Items Redoc shows as rows of their own (an object, or alternatives), not as one `[i]` row. */
function hasFields(schema: Json): boolean {
  return isObject(schema.properties) || Boolean(schema.oneOf || schema.anyOf || schema.allOf);
}

/**
 * Every place each source node is shown at, by `locationKey`: the operations, their parameters, bodies,
 * responses and examples, and the schemas' properties at any depth.
 */
export function placesOfSpecs(
  repoRoot: string,
  roots: ReadonlyArray<{ api: string; file: string }>,
  /** Nodes that will carry a description although the source has none (the marked ones get a badge). */
  badged: ReadonlySet<string> = new Set(),
): { places: Map<string, Place[]>; shownBy: ShownBy } {
  const files = new SourceFiles(repoRoot);
  const places = new Map<string, Place[]>();
  const shownBy: ShownBy = new Map();
  const described = (location: SourceLocation, node: Json) =>
    typeof node.description === 'string' || badged.has(locationKey(location));
  const record = (location: SourceLocation, place: Place) => {
    const key = locationKey(location);
    const list = places.get(key) ?? [];
    if (!list.some((known) => known.hash === place.hash && known.api === place.api)) list.push(place);
    places.set(key, list);
  };
  for (const root of roots) {
    const doc = files.read(root.file) as Json;
    for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
        const tag = (operation.tags as string[] | undefined)?.[0] ?? 'default';
        const opHash = operationHash(tag, operation.operationId);
        const opPath = ['paths', path, method];
        const walker = new OperationWalker(
          files,
          record,
          shownBy,
          described,
          root.api,
          operation.operationId,
          opHash,
          {
            file: root.file,
            path: opPath,
          },
        );
        walker.mark([{ file: root.file, path: opPath }], '');
        const parameters: Array<[unknown, string[]]> = [
          ...asList(item.parameters).map((p, i): [unknown, string[]] => [
            p,
            ['paths', path, 'parameters', `${i}`],
          ]),
          ...asList(operation.parameters).map((p, i): [unknown, string[]] => [
            p,
            [...opPath, 'parameters', `${i}`],
          ]),
        ];
        for (const [parameter, at] of parameters)
          walker.parameter(walker.follow(parameter, { file: root.file, path: at }));
        walker.body(
          walker.follow(operation.requestBody, { file: root.file, path: [...opPath, 'requestBody'] }),
          undefined,
        );
        for (const [status, response] of Object.entries(
          isObject(operation.responses) ? operation.responses : {},
        ))
          walker.body(
            walker.follow(response, { file: root.file, path: [...opPath, 'responses', status] }),
            status,
          );
      }
    }
  }
  return { places, shownBy };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
