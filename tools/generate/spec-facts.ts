/**
 * Provider facts a spec states once for the whole document (`x-instancekit` at the document root), and the checks
 * that keep the spec's parameters in line with them. Generation fails on a violation, so a spec cannot be committed
 * with a path parameter that could change the path, or with a region parameter whose form differs from the
 * document's `regionPattern`.
 */

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The parameters that carry the client's region: JD's path segment, Tencent's header and legacy query field. */
const REGION_PARAMS: ReadonlyArray<{ name: string; in: string }> = [
  { name: 'regionId', in: 'path' },
  { name: 'X-TC-Region', in: 'header' },
  { name: 'Region', in: 'query' },
];

/**
 * Values no path parameter may accept: URL parsing removes or resolves `.` and `..` segments (`%2e` included) and
 * `/`, `\`, `?`, `#` end or split a segment, so any of them would let a caller's value change the signed path.
 */
export const HOSTILE_PATH_SEGMENTS: readonly string[] = [
  '',
  '.',
  '..',
  '%2e',
  '%2e%2e',
  '.%2e',
  'a/b',
  '../x',
  '/',
  'a\\b',
  'a?b',
  'a#b',
  'a b',
  'a\r\nb',
  'a\u0000b',
];

/** The document-level facts of a spec (`x-instancekit` at the root); `{}` when it states none. */
export function documentFacts(spec: Schema): {
  regionPattern?: string;
  signature?: { scheme: string; service?: string };
} {
  const facts = (spec['x-instancekit'] as Schema | undefined) ?? {};
  const regionPattern = facts.regionPattern;
  if (regionPattern !== undefined && typeof regionPattern !== 'string')
    throw new Error('x-instancekit.regionPattern must be a string');
  if (typeof regionPattern === 'string') new RegExp(regionPattern, 'u'); // throws on a bad pattern
  const signed = facts.signature as Schema | undefined;
  if (signed !== undefined && typeof signed.scheme !== 'string')
    throw new Error('x-instancekit.signature.scheme must be a string');
  const signature = signed && {
    scheme: signed.scheme as string,
    ...(typeof signed.service === 'string' ? { service: signed.service } : {}),
  };
  return {
    ...(typeof regionPattern === 'string' ? { regionPattern } : {}),
    ...(signature ? { signature } : {}),
  };
}

function operationParameters(spec: Schema): Array<{ where: string; param: Parameter }> {
  const out: Array<{ where: string; param: Parameter }> = [];
  for (const [path, item] of Object.entries((spec.paths as Record<string, Schema>) ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as Schema | undefined;
      if (!operation) continue;
      const where = `${String(operation.operationId ?? `${method} ${path}`)}`;
      for (const param of [
        ...((item.parameters as Parameter[]) ?? []),
        ...((operation.parameters as Parameter[]) ?? []),
      ])
        out.push({ where, param });
    }
  }
  return out;
}

/** Problems of one dereferenced spec (empty when it is sound); `file` names it in the messages. */
export function specProblems(spec: Schema, file: string): string[] {
  const problems: string[] = [];
  const { regionPattern } = documentFacts(spec);
  for (const { where, param } of operationParameters(spec)) {
    const pattern = param.schema?.pattern;
    if (param.in === 'path') {
      if (typeof pattern !== 'string') {
        problems.push(`${file} ${where}: path parameter ${param.name} has no pattern`);
      } else {
        const re = new RegExp(pattern, 'u');
        const accepted = HOSTILE_PATH_SEGMENTS.filter((value) => re.test(value));
        if (accepted.length)
          problems.push(
            `${file} ${where}: path parameter ${param.name} (pattern ${pattern}) accepts ${accepted
              .map((v) => JSON.stringify(v))
              .join(', ')}, which could change the path`,
          );
      }
    }
    if (REGION_PARAMS.some((r) => r.name === param.name && r.in === param.in)) {
      if (regionPattern === undefined)
        problems.push(
          `${file} ${where}: ${param.name} carries the region but the document has no x-instancekit.regionPattern`,
        );
      else if (pattern !== regionPattern)
        problems.push(
          `${file} ${where}: ${param.name} has pattern ${JSON.stringify(pattern)}, not the document's regionPattern ${JSON.stringify(regionPattern)}`,
        );
    }
  }
  return problems;
}
