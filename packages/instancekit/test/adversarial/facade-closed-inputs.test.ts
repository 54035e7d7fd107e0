// Classes 3, 4 and 5 of issue 10 for the facade: every argument of every facade method is a closed object
// checked against its declared rules before anything is sent. Prototype-named keys (`constructor`, an own
// `__proto__` from JSON.parse), unknown keys (the `dryrun` typo once ran the LIVE resize), wrong types, empty
// strings (`imageId: ''` once reinstalled the current image) and NaN/Infinity/negative/huge numbers are a
// ValidationError naming the neutral field — and the counting fetch sees zero requests.
import fc from 'fast-check';
import { createInstanceKit, type InstanceKitOptions, ValidationError } from 'instancekit';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, jdcloud, type ProviderFixture, tencent, zenlayer } from '../support/providers.js';
import {
  badMilliseconds,
  countingKit,
  expectRefused,
  PROTOTYPE_KEYS,
  refusal,
  rejectionOf,
  unknownKeys,
  withOwnKey,
  wrongTypes,
} from './facade-kits.js';

const RUNS = { numRuns: 40 };

const RESIZE_FIELDS = ['instanceId', 'instanceType', 'forceStop', 'dryRun'];
const REINSTALL_FIELDS = [
  'instanceId',
  'imageId',
  'password',
  'keyIds',
  'hostName',
  'userData',
  'systemDiskSizeGiB',
  'dryRun',
];
const CALL_FIELDS = ['signal', 'timeoutMs', 'retry', 'maxResponseBytes'];

describe('createInstanceKit', () => {
  const base = (fx: ProviderFixture): InstanceKitOptions => ({
    provider: fx.name,
    ...(fx.region ? { region: fx.region } : {}),
    credentials: fx.credentials,
  });

  it('a provider named like an Object.prototype member, or any unknown name → ValidationError naming provider', async () => {
    for (const provider of PROTOTYPE_KEYS)
      await expectRefused(() => createInstanceKit({ provider } as never), 'provider');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string().filter((s) => !['tencent', 'zenlayer', 'jdcloud'].includes(s)),
          wrongTypes('string'),
        ),
        (provider) => expectRefused(() => createInstanceKit({ provider } as never), 'provider'),
      ),
      RUNS,
    );
  });

  it('no options, null, a string or a class instance → ValidationError naming options', async () => {
    class Options {
      provider = 'tencent';
      region = 'ap-guangzhou';
    }
    for (const options of [undefined, null, 'tencent', 42, [], new Options()])
      await expectRefused(() => createInstanceKit(options as never), 'options');
  });

  it.each(FIXTURES)(
    '$name: unknown keys, prototype keys included → ValidationError naming the key',
    async (fx) => {
      const known = Object.keys(base(fx)).concat(['endpoint', 'fetch', 'timeoutMs', 'retry', 'logger']);
      await fc.assert(
        fc.asyncProperty(unknownKeys([...known, 'billingEndpoint', 'region', 'maxResponseBytes']), (key) =>
          expectRefused(() => createInstanceKit(withOwnKey(base(fx), key, 'x')), key, fx.name),
        ),
        RUNS,
      );
      // An own __proto__ exactly as JSON.parse makes it.
      const parsed = JSON.parse(`{"provider":"${fx.name}","__proto__":{"endpoint":"http://evil"}}`);
      await expectRefused(() => createInstanceKit({ ...base(fx), ...parsed }), '__proto__', fx.name);
    },
  );

  it('an option only another provider takes is refused as unsupported (never ignored)', async () => {
    for (const fx of [tencent, zenlayer]) {
      const error = await refusal(
        () => createInstanceKit({ ...base(fx), billingEndpoint: 'http://127.0.0.1:9' }),
        'billingEndpoint',
        fx.name,
      );
      expect(error.rule).toBe('unsupported');
    }
    const error = await refusal(
      () => createInstanceKit({ ...base(zenlayer), region: 'ap-guangzhou' }),
      'region',
      'zenlayer',
    );
    expect(error.rule).toBe('unsupported');
  });

  it.each([tencent, jdcloud])(
    '$name: a missing, empty or non-string region → ValidationError naming region',
    async (fx) => {
      await expectRefused(
        () => createInstanceKit({ provider: fx.name, credentials: fx.credentials }),
        'region',
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constant(''), wrongTypes('string')), (region) =>
          expectRefused(() => createInstanceKit({ ...base(fx), region } as never), 'region', fx.name),
        ),
        RUNS,
      );
    },
  );

  it.each(FIXTURES)(
    '$name: endpoint empty or not a string → ValidationError naming it (not the production URL)',
    async (fx) => {
      const fields = ['endpoint', ...(fx.name === 'jdcloud' ? ['billingEndpoint'] : [])];
      for (const field of fields)
        await fc.assert(
          fc.asyncProperty(fc.oneof(fc.constant(''), wrongTypes('string')), (value) =>
            expectRefused(() => createInstanceKit({ ...base(fx), [field]: value }), field, fx.name),
          ),
          { numRuns: 15 },
        );
    },
  );

  it.each(FIXTURES)(
    '$name: timeoutMs NaN, ±Infinity, 0, negative, fractional or ≥ 2^31 → ValidationError naming it',
    async (fx) => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(badMilliseconds, fc.constant(0)), (timeoutMs) =>
          expectRefused(() => createInstanceKit({ ...base(fx), timeoutMs }), 'timeoutMs', fx.name),
        ),
        RUNS,
      );
    },
  );

  it.each(FIXTURES)(
    '$name: retry of the wrong shape or out of range → ValidationError naming the field',
    async (fx) => {
      await expectRefused(() => createInstanceKit({ ...base(fx), retry: 'no' as never }), 'retry');
      await expectRefused(
        () => createInstanceKit({ ...base(fx), retry: { maxAttempt: 2 } as never }),
        'retry.maxAttempt',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('maxAttempts', 'baseDelayMs', 'maxDelayMs'),
          fc.oneof(badMilliseconds, fc.constant('1')),
          (name, value) =>
            expectRefused(
              () => createInstanceKit({ ...base(fx), retry: { [name]: value } }),
              `retry.${name}`,
              fx.name,
            ),
        ),
        RUNS,
      );
    },
  );

  it.each(FIXTURES)('$name: fetch and logger must be functions', async (fx) => {
    for (const field of ['fetch', 'logger'])
      await fc.assert(
        fc.asyncProperty(wrongTypes('function'), (value) =>
          expectRefused(() => createInstanceKit({ ...base(fx), [field]: value }), field, fx.name),
        ),
        { numRuns: 10 },
      );
  });
});

describe.each(FIXTURES)('$name', (fx) => {
  const { kit, sent } = countingKit(fx);
  afterEach(() => {
    expect(sent(), 'requests that reached fetch').toBe(0);
  });

  type Call = (input: unknown, options?: unknown) => Promise<unknown>;
  const resizeCalls: Record<string, Call> = {
    resize: (input, options) => kit.resize(input as never, options as never),
    quoteResize: (input, options) => kit.quoteResize(input as never, options as never),
  };
  const reinstallCalls: Record<string, Call> = {
    reinstall: (input, options) => kit.reinstall(input as never, options as never),
    ...(kit.capabilities.quoteReinstall.supported
      ? {
          quoteReinstall: (input: unknown, options?: unknown) =>
            kit.quoteReinstall(input as never, options as never),
        }
      : {}),
  };
  const allCalls = [
    ...Object.entries(resizeCalls).map(([name, call]) => ({
      name,
      call,
      input: fx.resizeInput as object,
      fields: RESIZE_FIELDS,
    })),
    ...Object.entries(reinstallCalls).map(([name, call]) => ({
      name,
      call,
      input: fx.reinstallInput as object,
      fields: REINSTALL_FIELDS,
    })),
  ];

  describe.each(allCalls)('$name', ({ call, input, fields }) => {
    it('unknown keys (typos, prototype names, an own __proto__) → ValidationError naming the key, nothing sent', async () => {
      await fc.assert(
        fc.asyncProperty(
          unknownKeys(fields),
          fc.oneof(fc.boolean(), fc.string(), fc.constant(null)),
          (key, value) => expectRefused(() => call(withOwnKey(input, key, value)), key, fx.name),
        ),
        RUNS,
      );
      await expectRefused(
        () => call({ ...input, ...JSON.parse('{"__proto__": {"dryRun": true}}') }),
        '__proto__',
      );
    });

    it('no input, null, a string, an array or a class instance → ValidationError naming input', async () => {
      class Input {
        instanceId = fx.resizeInput.instanceId;
      }
      for (const value of [undefined, null, 'ins-1', 7, [input], new Input()])
        await expectRefused(() => call(value), 'input', fx.name);
    });

    it('a class instance whose class has a setter for a field: refused, and the setter never runs', async () => {
      const calls: unknown[] = [];
      class Input {
        set instanceType(value: unknown) {
          calls.push(value);
        }
      }
      const value = Object.assign(Object.create(Input.prototype), {});
      // An own property of the same name beside the class's setter: a snapshot by assignment would call it.
      Object.defineProperty(value, 'instanceType', { value: 'S5.LARGE8', enumerable: true });
      Object.defineProperty(value, 'instanceId', { value: fx.resizeInput.instanceId, enumerable: true });
      await expectRefused(() => call(value), 'input', fx.name);
      expect(calls).toEqual([]);
    });

    it('an empty instanceId, or one of the wrong type → instanceId', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constant(''), wrongTypes('string')), (instanceId) =>
          expectRefused(() => call({ ...input, instanceId }), 'instanceId', fx.name),
        ),
        RUNS,
      );
    });

    it('dryRun that is not a boolean → dryRun (a truthy string once ran the live call)', async () => {
      await fc.assert(
        fc.asyncProperty(wrongTypes('boolean'), (dryRun) =>
          expectRefused(() => call({ ...input, dryRun }), 'dryRun', fx.name),
        ),
        { numRuns: 20 },
      );
    });

    it('call options: unknown keys, bad numbers, a non-signal → ValidationError naming the option', async () => {
      await fc.assert(
        fc.asyncProperty(unknownKeys(CALL_FIELDS), (key) =>
          expectRefused(() => call(input, withOwnKey({}, key, 1)), key, fx.name),
        ),
        { numRuns: 20 },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(badMilliseconds, fc.constant(0)), (timeoutMs) =>
          expectRefused(() => call(input, { timeoutMs }), 'timeoutMs', fx.name),
        ),
        RUNS,
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(wrongTypes('function'), fc.constant({ aborted: false })), (signal) =>
          expectRefused(() => call(input, { signal }), 'signal', fx.name),
        ),
        { numRuns: 15 },
      );
      await expectRefused(() => call(input, { retry: { maxAttempts: Number.NaN } }), 'retry.maxAttempts');
      await expectRefused(() => call(input, null), 'options', fx.name);
      await expectRefused(() => call(input, 'fast'), 'options', fx.name);
    });
  });

  describe.each(Object.entries(resizeCalls))('%s', (_name, call) => {
    it('the `dryrun` typo is refused, never performed live', async () => {
      const error = await refusal(() => call({ ...fx.resizeInput, dryrun: true }), 'dryrun', fx.name);
      expect(error.rule).toBe('additionalProperties');
    });

    it('instanceType empty or of the wrong type → instanceType; forceStop not a boolean → forceStop', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constant(''), wrongTypes('string')), (instanceType) =>
          expectRefused(() => call({ ...fx.resizeInput, instanceType }), 'instanceType', fx.name),
        ),
        RUNS,
      );
      await fc.assert(
        fc.asyncProperty(wrongTypes('boolean'), (forceStop) =>
          expectRefused(() => call({ ...fx.resizeInput, forceStop }), 'forceStop', fx.name),
        ),
        { numRuns: 15 },
      );
    });
  });

  describe.each(Object.entries(reinstallCalls))('%s', (_name, call) => {
    const base = { instanceId: fx.reinstallInput.instanceId };

    it("imageId '' is refused (it once was dropped: the reinstall used the current image)", async () => {
      await expectRefused(() => call({ ...fx.reinstallInput, imageId: '' }), 'imageId', fx.name);
    });

    it('empty strings where a value is needed → that field', async () => {
      for (const field of ['imageId', 'password', 'hostName', 'userData'])
        await expectRefused(() => call({ ...base, [field]: '' }), field, fx.name);
    });

    it("keyIds: a string, [''], a non-string item or [] → keyIds (never sent without a login method)", async () => {
      await expectRefused(() => call({ ...base, keyIds: 'k' }), 'keyIds', fx.name);
      await expectRefused(() => call({ ...base, keyIds: [] }), 'keyIds', fx.name);
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constant(''), wrongTypes('string')), (item) =>
          expectRefused(() => call({ ...base, keyIds: [item] }), /^keyIds\[0\]$/, fx.name),
        ),
        RUNS,
      );
    });

    it('wrong types for every field → that field', async () => {
      const types: Record<string, 'string' | 'array' | 'number' | 'boolean'> = {
        imageId: 'string',
        password: 'string',
        hostName: 'string',
        userData: 'string',
        keyIds: 'array',
        systemDiskSizeGiB: 'number',
        dryRun: 'boolean',
      };
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...Object.keys(types))
            .chain((field) => fc.tuple(fc.constant(field), wrongTypes(types[field]!))),
          ([field, value]) => expectRefused(() => call({ ...base, [field]: value }), field, fx.name),
        ),
        RUNS,
      );
    });

    it('systemDiskSizeGiB NaN, ±Infinity, 0, negative or fractional → systemDiskSizeGiB', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            badMilliseconds.filter((n) => !(n >= 2 ** 31)),
            fc.constant(0),
          ),
          (size) =>
            expectRefused(() => call({ ...base, systemDiskSizeGiB: size }), 'systemDiskSizeGiB', fx.name),
        ),
        RUNS,
      );
    });

    it('password and keyIds together → keyIds', async () => {
      await expectRefused(() => call({ ...base, password: 'Str0ng+Passw0rd', keyIds: ['key-1'] }), 'keyIds');
    });
  });
});

describe.each(FIXTURES)('$name: a snapshot', (fx) => {
  it('a getter is read once: what was checked is what the driver gets', async () => {
    const { kit, sent } = countingKit(fx);
    let reads = 0;
    const input = {
      ...fx.resizeInput,
      get instanceType() {
        reads++;
        return reads === 1 ? fx.resizeInput.instanceType : '';
      },
    };
    // Checked (valid) and sent with the value that was checked: the counting fetch answers 500.
    const error = await rejectionOf(() => kit.resize(input));
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(reads).toBe(1);
    expect(sent()).toBe(1);
  });
});
