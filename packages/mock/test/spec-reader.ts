import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * Reads what the tests expect straight from the spec files (independently of Prism): every operation, its
 * action, and every named response example with its status. Follows local and relative-file `$ref`s.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SpecExample {
  name: string;
  status: number;
  value: unknown;
}

export interface SpecParameter {
  name: string;
  in: string;
  required: boolean;
  schema: JsonObject;
  /** The file `schema` was found in (for its own relative `$ref`s). */
  schemaFile: string;
  example?: unknown;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path key, e.g. `/#ResetInstancesType` or `/v1/regions/{regionId}/instances/{instanceId}:resizeInstance`. */
  pathKey: string;
  /** The real path (before `#`). */
  path: string;
  /** The action after `#`, if any. */
  action?: string;
  parameters: SpecParameter[];
  /** Named request-body examples (`requestBody.content.application/json.examples`). */
  requestExamples: Record<string, unknown>;
  /** The request body schema (refs resolved at the top level only) and the file it was found in. */
  requestSchema?: JsonObject;
  requestSchemaFile?: string;
  examples: SpecExample[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

const cache = new Map<string, JsonObject>();

function load(file: string): JsonObject {
  let doc = cache.get(file);
  if (!doc) {
    doc = parse(readFileSync(file, 'utf8')) as JsonObject;
    cache.set(file, doc);
  }
  return doc;
}

interface Located {
  node: Json;
  file: string;
}

function pointer(doc: Json, ptr: string): Json {
  let node: Json = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') throw new Error(`bad $ref pointer ${ptr}`);
    node = Array.isArray(node) ? (node[Number(key)] as Json) : (node[key] as Json);
    if (node === undefined) throw new Error(`$ref pointer ${ptr} not found`);
  }
  return node;
}

/** Follows `$ref` chains at the top of `node`. */
export function deref(node: Json, file: string): Located {
  let current: Located = { node, file };
  for (let i = 0; i < 20; i++) {
    const n = current.node;
    if (n === null || typeof n !== 'object' || Array.isArray(n) || typeof n.$ref !== 'string') return current;
    const [target, ptr = ''] = n.$ref.split('#');
    const targetFile = target ? resolve(dirname(current.file), target) : current.file;
    current = { node: pointer(load(targetFile), ptr), file: targetFile };
  }
  throw new Error(`$ref chain too deep in ${file}`);
}

function obj(located: Located): JsonObject {
  const n = located.node;
  return n !== null && typeof n === 'object' && !Array.isArray(n) ? n : {};
}

/** The value of the first entry of a parameter's `examples` map (OpenAPI Example Objects). */
function firstExampleValue(examples: Json | undefined, file: string): unknown {
  if (examples === null || typeof examples !== 'object' || Array.isArray(examples)) return undefined;
  const first = Object.values(examples)[0];
  return first === undefined ? undefined : obj(deref(first, file)).value;
}

export function readSpecOperations(file: string): SpecOperation[] {
  const absolute = resolve(file);
  const doc = load(absolute);
  const operations: SpecOperation[] = [];
  for (const [pathKey, pathItemRaw] of Object.entries(obj({ node: doc.paths ?? {}, file: absolute }))) {
    const pathItem = deref(pathItemRaw, absolute);
    const pathParams = (obj(pathItem).parameters as Json[] | undefined) ?? [];
    for (const method of METHODS) {
      const opNode = obj(pathItem)[method];
      if (!opNode) continue;
      const op = deref(opNode, pathItem.file);
      const o = obj(op);
      const parameters = [...pathParams, ...((o.parameters as Json[] | undefined) ?? [])].map((p) => {
        const located = deref(p, op.file);
        const param = obj(located);
        const schema = deref(param.schema ?? {}, located.file);
        return {
          name: String(param.name),
          in: String(param.in),
          required: param.required === true,
          schema: obj(schema),
          schemaFile: schema.file,
          example: param.example ?? firstExampleValue(param.examples, located.file),
        };
      });
      const bodyLocated = deref(o.requestBody ?? {}, op.file);
      const body = obj(bodyLocated);
      const mediaLocated = deref(
        obj({ node: body.content ?? {}, file: bodyLocated.file })['application/json'] ?? {},
        bodyLocated.file,
      );
      const media = obj(mediaLocated);
      const schemaLocated = media.schema ? deref(media.schema, mediaLocated.file) : undefined;
      const requestExamples = Object.fromEntries(
        Object.entries(obj({ node: media.examples ?? {}, file: op.file })).map(([name, ex]) => [
          name,
          obj(deref(ex, mediaLocated.file)).value,
        ]),
      );
      const examples: SpecExample[] = [];
      for (const [status, responseRaw] of Object.entries(obj({ node: o.responses ?? {}, file: op.file }))) {
        const response = deref(responseRaw, op.file);
        const content = obj(deref(obj(response).content ?? {}, response.file));
        const json = deref(content['application/json'] ?? {}, response.file);
        for (const [name, exRaw] of Object.entries(
          obj({ node: obj(json).examples ?? {}, file: json.file }),
        )) {
          examples.push({ name, status: Number(status), value: obj(deref(exRaw, json.file)).value });
        }
      }
      const hash = pathKey.indexOf('#');
      operations.push({
        operationId: String(o.operationId),
        method,
        pathKey,
        path: hash === -1 ? pathKey : pathKey.slice(0, hash),
        action: hash === -1 ? undefined : pathKey.slice(hash + 1),
        parameters,
        requestExamples,
        requestSchema: schemaLocated ? obj(schemaLocated) : undefined,
        requestSchemaFile: schemaLocated?.file,
        examples,
      });
    }
  }
  return operations;
}
