// Classes 3 and 8 of issue 10 on the typed clients: every operation of every client, fed hostile input —
// keys named like Object.prototype members, an own `__proto__`, unknown keys, wrong types, NaN and Infinity,
// lone surrogates, control characters, huge strings — either sends a valid request or refuses with a
// ValidationError before anything is sent; never a raw TypeError or URIError, never a half-validated request.
import { type FieldRules, InstanceKitError, ValidationError } from '@instancekit/core/internal';
import { billingOperations, createJdcloudVmClient, vmOperations } from '@instancekit/jdcloud-vm';
import { api3Operations, createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient, zecOperations } from '@instancekit/zenlayer-zec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

interface Subject {
  name: string;
  table: Record<string, { input?: FieldRules }>;
  success: unknown;
  make(fetch: (request: Request) => Promise<Response>): Record<string, (input: unknown) => Promise<unknown>>;
}

const credentials = { secretId: 'AKIDhostile0001', secretKey: 'hostile-secret-key-0001' };
const SUBJECTS: Subject[] = [
  ...(['api3', 'legacy'] as const).map(
    (transport): Subject => ({
      name: `tencent-${transport}`,
      table: api3Operations,
      success: { Response: { RequestId: 'r-1' } },
      make: (fetch) =>
        (transport === 'legacy' ? createTencentCvmLegacyClient : createTencentCvmClient)({
          region: 'ap-guangzhou',
          credentials,
          fetch,
          retry: false,
        }) as never,
    }),
  ),
  {
    name: 'zenlayer',
    table: zecOperations,
    success: { requestId: 'r-1', response: {} },
    make: (fetch) =>
      createZenlayerZecClient({
        credentials: { accessKeyId: 'ZLhostile0001', accessKeyPassword: 'hostile-password-0001' },
        fetch,
        retry: false,
      }) as never,
  },
  {
    name: 'jdcloud',
    table: { ...vmOperations, ...billingOperations },
    success: { requestId: 'r-1', result: {} },
    make: (fetch) =>
      createJdcloudVmClient({
        region: 'cn-north-1',
        credentials: { accessKey: 'JDhostile0001', secretKey: 'hostile-secret-0001' },
        fetch,
        retry: false,
      }) as never,
  },
];

const PROTOTYPE_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__proto__'];

const hostileString = fc.oneof(
  fc.constantFrom('', ' ', '\r\n', '\u0000', '\uD800', 'a\uDFFFb', '..', '.', '/', '%2e%2e', '😀', '\u202e'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(70_000)),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 2 ** 53, 0.5, -0),
  fc.constantFrom(null, true, [], {}, [null], [Number.NaN], ['\uD800'], { toString: 'x' }),
  fc.anything({ maxDepth: 2 }),
);

/** An object built by JSON.parse, so `__proto__` is an own key, as it is in a parsed request file. */
function parsedWith(
  key: string,
  value: unknown,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const parsed = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  if (key === '__proto__')
    return JSON.parse(
      `{${JSON.stringify(base).slice(1, -1)}${Object.keys(base).length ? ',' : ''}"__proto__": ${JSON.stringify(value ?? null)}}`,
    );
  Object.defineProperty(parsed, key, { value, enumerable: true, configurable: true, writable: true });
  return parsed;
}

function recorder(success: unknown) {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response(JSON.stringify(success), { headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch };
}

async function settle(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

for (const subject of SUBJECTS) {
  describe(`${subject.name}: hostile input to every operation`, () => {
    for (const operationId of Object.keys(subject.table)) {
      it(`${operationId}: a key named like an Object.prototype member is refused, nothing sent`, async () => {
        for (const key of PROTOTYPE_KEYS) {
          const { sent, fetch } = recorder(subject.success);
          const client = subject.make(fetch);
          const error = await settle(() => client[operationId]!(parsedWith(key, 'x')));
          expect(error, `${operationId} with ${key}`).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).field).toBe(key);
          expect(sent).toHaveLength(0);
        }
      });

      it(`${operationId}: any value in any known field is sent valid or refused typed, never a raw error`, async () => {
        const fields = Object.keys(subject.table[operationId]?.input?.properties ?? {});
        if (fields.length === 0) return;
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...fields), hostileValue, async (field, value) => {
            const { sent, fetch } = recorder(subject.success);
            const error = await settle(() => subject.make(fetch)[operationId]!({ [field]: value }));
            if (error === undefined) {
              expect(sent).toHaveLength(1);
              return;
            }
            expect(error).toBeInstanceOf(InstanceKitError);
            if (error instanceof ValidationError) expect(sent).toHaveLength(0);
          }),
          { numRuns: 40 },
        );
      });
    }
  });
}

describe('the operation name itself', () => {
  it('invoke refuses an operation that is only on Object.prototype', async () => {
    const { sent, fetch } = recorder({ Response: { RequestId: 'r' } });
    const client = createTencentCvmClient({
      region: 'ap-guangzhou',
      credentials,
      fetch,
    }) as unknown as Record<string, unknown>;
    // The typed client has no method of that name; the table lookup behind every method is own-property.
    expect(Object.hasOwn(client, 'hasOwnProperty')).toBe(false);
    expect(sent).toHaveLength(0);
  });
});
