// Redocly plugin with the spec conventions of docs/architecture.md that the built-in rules cannot express.

import { readFileSync } from 'node:fs';

const PROVENANCE = new Set(['docs', 'sdk-models', 'unconfirmed']);

/**
 * The text after `#` in a path key must equal the `const` of a required header or query parameter: that parameter
 * names the action on the wire (`X-TC-Action`, `X-ZC-Action`, the legacy `Action`), found by its `const` rather
 * than from a list of names, so a new provider's action header needs no change here (the generator and the mock's
 * router find it the same way).
 */
function fragmentMatchesAction() {
  return {
    Operation: {
      enter(operation, ctx) {
        const pathKey = ctx.key === undefined ? undefined : ctx.location.pointer.split('/')[2];
        const rawPath = pathKey?.replace(/~1/g, '/').replace(/~0/g, '~');
        if (!rawPath?.includes('#')) return;
        const action = rawPath.slice(rawPath.indexOf('#') + 1);
        const params = (operation.parameters ?? []).map((p) => (p.$ref ? ctx.resolve(p).node : p));
        const actionParam = params.find(
          (p) => p && (p.in === 'header' || p.in === 'query') && p.schema?.const === action,
        );
        if (!actionParam) {
          ctx.report({
            message: `Path "${rawPath}" has a fragment but no header or query parameter with const "${action}" (the action parameter).`,
          });
          return;
        }
        if (actionParam.required !== true) {
          ctx.report({ message: `Action parameter ${actionParam.name} must be required.` });
        }
        if (operation.operationId !== action) {
          ctx.report({
            message: `operationId ${operation.operationId} differs from the path fragment "${action}".`,
          });
        }
      },
    },
  };
}

/** Every operation says where its facts come from. */
function provenance() {
  return {
    Operation: {
      enter(operation, ctx) {
        const value = operation['x-provenance'];
        if (!PROVENANCE.has(value)) {
          ctx.report({
            message: `x-provenance must be one of ${[...PROVENANCE].join(', ')} (got ${JSON.stringify(value)}).`,
          });
        }
      },
    },
  };
}

/**
 * Every operation declares its per-action rate limit (`x-instancekit.rateLimit.perSecond`), so a fleet run and a
 * waiter pace every call from the spec. A figure no provider page states carries `x-provenance: unconfirmed` and an
 * `x-provenance-note` saying where it comes from; without a provenance of its own it is the operation's.
 */
function rateLimit() {
  return {
    Operation: {
      enter(operation, ctx) {
        const limit = operation['x-instancekit']?.rateLimit;
        const where = operation.operationId;
        if (limit === undefined || limit === null || typeof limit !== 'object') {
          ctx.report({ message: `${where}: x-instancekit.rateLimit { perSecond } is missing.` });
          return;
        }
        for (const key of Object.keys(limit))
          if (!['perSecond', 'x-provenance', 'x-provenance-note'].includes(key))
            ctx.report({ message: `${where}: x-instancekit.rateLimit has an unknown key ${key}.` });
        if (
          typeof limit.perSecond !== 'number' ||
          !(limit.perSecond > 0) ||
          !Number.isFinite(limit.perSecond)
        )
          ctx.report({ message: `${where}: x-instancekit.rateLimit.perSecond must be a positive number.` });
        const provenance = limit['x-provenance'];
        if (provenance !== undefined && !PROVENANCE.has(provenance))
          ctx.report({
            message: `${where}: x-instancekit.rateLimit x-provenance must be one of ${[...PROVENANCE].join(', ')}.`,
          });
        if (provenance === 'unconfirmed' && typeof limit['x-provenance-note'] !== 'string')
          ctx.report({
            message: `${where}: an unconfirmed x-instancekit.rateLimit needs an x-provenance-note saying where the figure comes from.`,
          });
      },
    },
  };
}

/** Every operation has a 200 response with at least one named example, so a mock can return it. */
function successExample() {
  return {
    Operation: {
      enter(operation, ctx) {
        const ok = operation.responses?.['200'];
        const response = ok?.$ref ? ctx.resolve(ok).node : ok;
        const media = response?.content?.['application/json'];
        if (!media?.examples || Object.keys(media.examples).length === 0) {
          ctx.report({
            message: 'The 200 response needs named examples (content.application/json.examples).',
          });
        }
      },
    },
  };
}

/** Strict in what we send: a JSON request body object forbids unknown properties. */
function strictRequestBody() {
  return {
    Operation: {
      enter(operation, ctx) {
        const body = operation.requestBody?.$ref
          ? ctx.resolve(operation.requestBody).node
          : operation.requestBody;
        const media = body?.content?.['application/json'];
        if (!media?.schema) return;
        const schema = media.schema.$ref ? ctx.resolve(media.schema).node : media.schema;
        if (schema?.type === 'object' && schema.additionalProperties !== false) {
          ctx.report({ message: 'Request body schemas set additionalProperties: false.' });
        }
      },
    },
  };
}

/** The named examples of an operation's responses (following $refs). */
function exampleNames(operation, ctx) {
  const names = new Set();
  for (const response of Object.values(operation.responses ?? {})) {
    const resolved = response?.$ref ? ctx.resolve(response).node : response;
    for (const media of Object.values(resolved?.content ?? {}))
      for (const name of Object.keys(media?.examples ?? {})) names.add(name);
  }
  return names;
}

/** The states kit.describe reports (the facade's NeutralState) and the neutral options a mutation may map. */
const NEUTRAL_STATES = new Set([
  'running',
  'stopped',
  'starting',
  'stopping',
  'resizing',
  'reinstalling',
  'pending',
  'failed',
  'unknown',
]);
const NEUTRAL_OPTIONS = new Set(['stopType', 'stoppedMode']);

/**
 * The lifecycle facts @instancekit/mock runs on (x-instancekit.lifecycle / describes, and the document's
 * x-instancekit.lifecycle and signature): every state is one the document lists, every answer they name is a named
 * example of the operation (or, for the document's shared answers, of some operation), so the mock never improvises.
 */
function lifecycleFacts() {
  let doc = {};
  const shared = new Set();
  const pending = [];
  return {
    Root: {
      enter(root) {
        doc = root['x-instancekit'] ?? {};
      },
      leave(_root, ctx) {
        const lifecycle = doc.lifecycle ?? {};
        const names = [
          ...Object.values(lifecycle.errors ?? {}),
          ...Object.values(doc.signature?.errors ?? {}),
        ];
        for (const name of names)
          if (!shared.has(name))
            ctx.report({
              message: `x-instancekit names the answer ${name}, which no operation has as a named example.`,
            });
        // kit.describe's neutral state of every documented state (docs/spec-conventions.md, lifecycle facts).
        if (lifecycle.states) {
          const neutral = lifecycle.neutral ?? {};
          for (const state of lifecycle.states)
            if (!NEUTRAL_STATES.has(neutral[state]))
              ctx.report({
                message: `x-instancekit.lifecycle.neutral must map ${state} to one of ${[...NEUTRAL_STATES].join(', ')}.`,
              });
          for (const state of Object.keys(neutral))
            if (!lifecycle.states.includes(state))
              ctx.report({
                message: `x-instancekit.lifecycle.neutral maps ${state}, not a documented state.`,
              });
        }
        for (const report of pending) report();
      },
    },
    Operation: {
      enter(operation, ctx) {
        const own = exampleNames(operation, ctx);
        for (const name of own) shared.add(name);
        const meta = operation['x-instancekit'] ?? {};
        const { lifecycle, describes } = meta;
        const states = doc.lifecycle?.states ?? [];
        if (lifecycle) {
          if (meta.kind !== 'mutation')
            ctx.report({ message: 'x-instancekit.lifecycle is only for kind: mutation.' });
          if (typeof lifecycle.instance !== 'string')
            ctx.report({
              message: 'x-instancekit.lifecycle.instance must name the request field of the instance.',
            });
          const refused =
            typeof lifecycle.refused === 'string'
              ? [lifecycle.refused]
              : Object.values(lifecycle.refused ?? {});
          if (refused.length === 0) ctx.report({ message: 'x-instancekit.lifecycle.refused is missing.' });
          for (const name of refused)
            if (!own.has(name))
              ctx.report({
                message: `x-instancekit.lifecycle.refused names ${name}, not a named example of this operation.`,
              });
          if (lifecycle.neutral !== undefined && !NEUTRAL_STATES.has(lifecycle.neutral))
            ctx.report({
              message: `x-instancekit.lifecycle.neutral must be one of ${[...NEUTRAL_STATES].join(', ')}.`,
            });
          if (!Array.isArray(lifecycle.transitions) || lifecycle.transitions.length === 0)
            ctx.report({ message: 'x-instancekit.lifecycle.transitions needs at least one transition.' });
          for (const transition of lifecycle.transitions ?? []) {
            const used = [...(transition.from ?? []), ...(transition.during ?? []), transition.end];
            for (const state of used)
              if (!states.includes(state))
                ctx.report({
                  message: `x-instancekit.lifecycle uses the state ${JSON.stringify(state)}, not in the document's x-instancekit.lifecycle.states.`,
                });
            if (!Array.isArray(transition.during) || transition.during.length === 0)
              ctx.report({ message: 'Each lifecycle transition names its transitional states (during).' });
          }
        }
        for (const [option, { field, values } = {}] of Object.entries(meta.options ?? {}))
          if (
            !NEUTRAL_OPTIONS.has(option) ||
            typeof field !== 'string' ||
            !values ||
            !Object.keys(values).length
          )
            ctx.report({
              message: `x-instancekit.options.${option} must be one of ${[...NEUTRAL_OPTIONS].join(', ')} with a field and values.`,
            });
        if (describes) {
          if (!describes.list === !describes.single)
            ctx.report({ message: 'x-instancekit.describes names exactly one of list and single.' });
          const known = new Set([
            'instanceId',
            'instanceType',
            'state',
            'imageId',
            'chargeType',
            'latestOperation',
            'latestOperationState',
            'latestOperationRequestId',
          ]);
          for (const attribute of Object.values(describes.fields ?? {}))
            if (!known.has(attribute))
              ctx.report({
                message: `x-instancekit.describes.fields maps to ${attribute}, not an instance attribute (${[...known].join(', ')}).`,
              });
          if (!own.has('success'))
            ctx.report({ message: 'x-instancekit.describes needs a success example to copy.' });
        }
      },
    },
  };
}

/** The provider-neutral codes: core's `ErrorCode` union (packages/core/src/errors.ts), read rather than copied. */
const ERROR_CODES = (() => {
  const source = readFileSync(new URL('../../packages/core/src/errors.ts', import.meta.url), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(source)?.[1] ?? '';
  return new Set([...union.matchAll(/'(\w+)'/g)].map((m) => m[1]));
})();

function mentions(value, text) {
  if (value === text) return true;
  return !!value && typeof value === 'object' && Object.values(value).some((v) => mentions(v, text));
}

/**
 * An error example: a named example other than `success` under a non-2xx answer, or whose envelope carries its
 * name (each error example is named by the provider's code verbatim). The generator reads the same set
 * (tools/generate/error-codes.ts `isErrorExample`).
 */
function isErrorExample(name, status, value) {
  return name !== 'success' && (!/^2/.test(status) || mentions(value, name));
}

/** The problem with one neutral-code mapping (`x-instancekit-code`, or an `x-instancekit.errorCodes` entry). */
function codeProblem(code, retryable) {
  if (!ERROR_CODES.has(code))
    return `must be one of core's ErrorCode values (${[...ERROR_CODES].join(', ')}); got ${JSON.stringify(code)}`;
  if (retryable !== undefined && typeof retryable !== 'boolean') return 'retryable must be true or false';
  return undefined;
}

/**
 * Every named error example says which provider-neutral code its provider code maps to (`x-instancekit-code`,
 * plus `x-instancekit-retryable: true` where a read may be sent again): the generator builds the clients' exact
 * error-code tables from them, so a new error example cannot be added without deciding its mapping. The same
 * holds for the document's `x-instancekit.errorCodes` (codes no example shows) and `x-instancekit.errorFamilies`
 * (each family's `code`), whose families must each be reachable in their first-match order.
 */
function errorExampleCode() {
  return {
    Root: {
      enter(root, ctx) {
        for (const [providerCode, entry] of Object.entries(root['x-instancekit']?.errorCodes ?? {})) {
          const problem =
            typeof entry === 'string' ? codeProblem(entry) : codeProblem(entry?.code, entry?.retryable);
          if (problem) ctx.report({ message: `x-instancekit.errorCodes.${providerCode} ${problem}.` });
        }
        const families = root['x-instancekit']?.errorFamilies ?? [];
        for (const [i, family] of families.entries()) {
          const where = `x-instancekit.errorFamilies[${i}]`;
          const affixes = [family?.prefix, family?.suffix].filter((a) => a !== undefined);
          if (!affixes.length || affixes.some((a) => typeof a !== 'string' || a === ''))
            ctx.report({ message: `${where} needs a non-empty prefix or suffix.` });
          const problem = codeProblem(family?.code, family?.retryable);
          if (problem) ctx.report({ message: `${where}.code ${problem}.` });
          // The first family a code belongs to wins: one listed after a family that takes all its codes never matches.
          const shadow = families
            .slice(0, i)
            .findIndex(
              (earlier) =>
                (earlier?.prefix === undefined || (family?.prefix ?? '').startsWith(earlier.prefix)) &&
                (earlier?.suffix === undefined || (family?.suffix ?? '').endsWith(earlier.suffix)),
            );
          if (shadow >= 0)
            ctx.report({
              message: `${where} can never match: x-instancekit.errorFamilies[${shadow}], listed before it, takes all its codes (list the longer affix first).`,
            });
        }
      },
    },
    Operation: {
      enter(operation, ctx) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const resolved = response?.$ref ? ctx.resolve(response) : { node: response };
          const from = resolved.location?.source.absoluteRef;
          const examples = resolved.node?.content?.['application/json']?.examples ?? {};
          for (const [name, example] of Object.entries(examples)) {
            const node = example?.$ref ? ctx.resolve(example, from).node : example;
            if (!node || !isErrorExample(name, status, node.value)) continue;
            const code = node['x-instancekit-code'];
            const problem =
              code === undefined
                ? 'needs x-instancekit-code, the provider-neutral code its provider code maps to'
                : codeProblem(code, node['x-instancekit-retryable']);
            if (problem)
              ctx.report({
                message: `${operation.operationId}: the error example ${name} (${status}) ${problem}.`,
              });
          }
        }
      },
    },
  };
}

export default function instancekitRules() {
  return {
    id: 'instancekit',
    rules: {
      oas3: {
        'fragment-matches-action': fragmentMatchesAction,
        provenance,
        'rate-limit': rateLimit,
        'success-example': successExample,
        'strict-request-body': strictRequestBody,
        'lifecycle-facts': lifecycleFacts,
        'error-example-code': errorExampleCode,
      },
    },
  };
}
