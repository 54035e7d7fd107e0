// A plan file, YAML or JSON (JSON is YAML), read with yaml's LineCounter so that every problem — a YAML error or a
// change the facade refuses — names its line. The plan's rules are the facade's (`instancekit/fleet`); this module
// only adds where in the file each one is.
import { readFileSync } from 'node:fs';
import type { PlanProblem } from 'instancekit/fleet-node';

export interface PlanFile {
  path: string;
  plan: unknown;
  /** The 1-based line of a field path (`changes[3].instanceType`), or of the nearest enclosing node that exists. */
  lineOf(field: string): number | undefined;
}

export class PlanFileError extends Error {
  constructor(
    message: string,
    readonly problems: (PlanProblem & { line?: number })[] = [],
  ) {
    super(message);
    this.name = 'PlanFileError';
  }
}

export async function readPlanFile(path: string): Promise<PlanFile> {
  // yaml is loaded only by the commands that read a plan: every other run starts without it.
  const { isNode, LineCounter, parseDocument } = await import('yaml');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanFileError(`cannot read the plan ${path}: ${(error as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length) {
    const problems = document.errors.map((error) => ({
      field: 'plan',
      message: error.message.split('\n')[0]!,
      line: lineCounter.linePos(error.pos[0]).line,
    }));
    throw new PlanFileError(
      `the plan ${path} is not valid YAML or JSON: line ${problems[0]!.line}: ${problems[0]!.message}`,
      problems,
    );
  }
  return {
    path,
    plan: document.toJS(),
    lineOf(field) {
      const path = fieldPath(field);
      for (let length = path.length; length >= 0; length--) {
        const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
        // For a key the value's node is found; a missing one falls back to its parent.
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** `changes[3].keyIds[0]` → ['changes', 3, 'keyIds', 0]. */
function fieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const [, name, index] of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    path.push(index !== undefined ? Number(index) : name!);
  return path[0] === 'plan' ? path.slice(1) : path;
}
