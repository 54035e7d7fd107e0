import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

type Json = unknown;

const cache = new Map<string, Json>();

function readYaml(file: string): Json {
  let doc = cache.get(file);
  if (doc === undefined) {
    doc = parse(readFileSync(file, 'utf8'));
    cache.set(file, doc);
  }
  return doc;
}

function pointer(doc: Json, fragment: string): Json {
  let node = doc;
  for (const raw of fragment.replace(/^\//, '').split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, Json>)?.[key];
    if (node === undefined) throw new Error(`Unresolvable $ref fragment #/${fragment}`);
  }
  return node;
}

/**
 * The spec with every `$ref` (same file or a sibling file such as components.yaml) replaced by its target.
 * Siblings of a `$ref` (OpenAPI 3.1 allows `description` next to it) are kept, the target's keys win.
 */
export function loadDereferenced(file: string): Record<string, Json> {
  const absolute = resolve(file);
  const seen: string[] = [];
  function walk(node: Json, baseFile: string): Json {
    if (Array.isArray(node)) return node.map((item) => walk(item, baseFile));
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, Json>;
    if (typeof record.$ref === 'string') {
      const [filePart, fragment = ''] = record.$ref.split('#');
      const targetFile = filePart ? resolve(dirname(baseFile), filePart) : baseFile;
      const key = `${targetFile}#${fragment}`;
      if (seen.includes(key)) throw new Error(`Circular $ref ${key}`);
      seen.push(key);
      const { $ref: _ref, ...siblings } = record;
      const target = walk(pointer(readYaml(targetFile), fragment), targetFile);
      seen.pop();
      return { ...(walk(siblings, baseFile) as object), ...(target as object) };
    }
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(record)) out[key] = walk(value, baseFile);
    return out;
  }
  return walk(readYaml(absolute), absolute) as Record<string, Json>;
}
