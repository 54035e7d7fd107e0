// Redocly plugin with the spec conventions of docs/architecture.md that the built-in rules cannot express.

const PROVENANCE = new Set(['docs', 'sdk-models', 'unconfirmed']);

/** The text after `#` in a path key must equal the `const` of the required action parameter. */
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
          (p) => p && (p.name === 'X-TC-Action' || p.name === 'X-ZC-Action' || p.name === 'Action'),
        );
        if (!actionParam) {
          ctx.report({ message: `Path "${rawPath}" has a fragment but no required action parameter.` });
          return;
        }
        if (actionParam.required !== true) {
          ctx.report({ message: `Action parameter ${actionParam.name} must be required.` });
        }
        const value = actionParam.schema?.const;
        if (value !== action) {
          ctx.report({
            message: `Action parameter ${actionParam.name} has const ${JSON.stringify(value)}; the path fragment says "${action}".`,
          });
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

/** Every operation has a 200 response with at least one named example, so a mock can return it. */
function successExample() {
  return {
    Operation: {
      enter(operation, ctx) {
        const ok = operation.responses?.['200'];
        const response = ok?.$ref ? ctx.resolve(ok).node : ok;
        const media = response?.content?.['application/json'];
        if (!media || !media.examples || Object.keys(media.examples).length === 0) {
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

export default function instancekitRules() {
  return {
    id: 'instancekit',
    rules: {
      oas3: {
        'fragment-matches-action': fragmentMatchesAction,
        provenance,
        'success-example': successExample,
        'strict-request-body': strictRequestBody,
      },
    },
  };
}
