import { packageSpecs } from '../spec-manifest.js';

/**
 * Which specs each client package is generated from, discovered from specs/<package>/<name>.yaml (see
 * tools/spec-manifest.ts): nothing to register for a new provider. `name` becomes the file and export prefix;
 * `inputFrom` (the spec's `x-instancekit.inputFrom`) names the sibling spec whose request bodies give the rules.
 */
export const PACKAGE_SPECS: Record<
  string,
  ReadonlyArray<{ name: string; file: string; inputFrom?: string }>
> = Object.fromEntries(
  [...packageSpecs()].map(([pkg, roots]) => [
    pkg,
    roots.map(({ name, file, inputFrom }) => ({ name, file, ...(inputFrom ? { inputFrom } : {}) })),
  ]),
);
