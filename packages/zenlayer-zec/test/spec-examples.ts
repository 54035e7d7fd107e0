import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The spec, read at test time (runtime code never reads YAML). */
export const SPEC_PATH = fileURLToPath(new URL('../../../specs/zenlayer-zec/zec.yaml', import.meta.url));

type Node = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Node;

function resolve(node: unknown): Node {
  let current = node as Node;
  for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${String(current.$ref)}`);
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`external $ref not supported here: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<Node>((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Node, spec);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

export interface NamedExample {
  operationId: string;
  /** The example's name, i.e. what `Prefer: example=<name>` selects. */
  name: string;
  status: number;
  value: Node;
}

/** Every named response example of every operation, by operationId. */
export function responseExamples(): Map<string, NamedExample[]> {
  const out = new Map<string, NamedExample[]>();
  for (const pathItem of Object.values(spec.paths as Node)) {
    for (const operation of Object.values(pathItem as Node)) {
      const op = operation as Node;
      if (typeof op?.operationId !== 'string') continue;
      const list: NamedExample[] = [];
      for (const [status, response] of Object.entries(op.responses as Node)) {
        const content = resolve(response).content as Node | undefined;
        const media = content?.['application/json'] ? resolve(content['application/json']) : undefined;
        const examples = (media?.examples ?? {}) as Node;
        for (const [name, example] of Object.entries(examples)) {
          list.push({
            operationId: op.operationId,
            name,
            status: Number(status),
            value: resolve(example).value as Node,
          });
        }
      }
      out.set(op.operationId, list);
    }
  }
  return out;
}
