/**
 * The named response examples of a JD spec, read from the YAML itself (not from the generated code), so the
 * contract test checks the client against what the spec promises. Local `$ref`s are followed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Node = Record<string, unknown>;

export interface SpecExample {
  name: string;
  status: number;
  value: { requestId: string; result?: unknown; error?: { code: number; status: string; message?: string } };
}

export interface SpecOperation {
  operationId: string;
  success: SpecExample;
  errors: SpecExample[];
}

export const SPEC_FILES = {
  vm: fileURLToPath(new URL('../../../specs/jdcloud-vm/vm.yaml', import.meta.url)),
  billing: fileURLToPath(new URL('../../../specs/jdcloud-vm/billing.yaml', import.meta.url)),
};

function resolve(doc: Node, node: unknown): Node {
  let current = node as Node;
  while (current && typeof current.$ref === 'string') {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are expected here: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Node)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc) as Node;
  }
  return current;
}

export function readSpecOperations(file: string): SpecOperation[] {
  const doc = parse(readFileSync(file, 'utf8')) as Node;
  const operations: SpecOperation[] = [];
  for (const item of Object.values(doc.paths as Node)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = (item as Node)[method] as Node | undefined;
      if (!operation) continue;
      const examples: SpecExample[] = [];
      for (const [code, ref] of Object.entries(operation.responses as Node)) {
        const response = resolve(doc, ref);
        const content = (response.content as Node | undefined)?.['application/json'] as Node | undefined;
        for (const [name, example] of Object.entries((content?.examples as Node | undefined) ?? {})) {
          const value = resolve(doc, example).value as SpecExample['value'];
          examples.push({ name, status: Number(code), value });
        }
      }
      const success = examples.find((example) => example.name === 'success' && example.status === 200);
      if (!success) throw new Error(`${String(operation.operationId)} has no 200 success example`);
      operations.push({
        operationId: String(operation.operationId),
        success,
        errors: examples.filter((example) => example.status >= 400),
      });
    }
  }
  return operations;
}
