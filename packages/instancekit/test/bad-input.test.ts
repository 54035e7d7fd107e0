// A generated corpus of bad input for every facade operation and provider (fast-check). Every case must be
// refused locally with a ValidationError naming the caller's (neutral) field, and nothing may be sent: the
// kit's fetch counts every request it is handed. Id and password rules are read from the generated operation
// tables, so the corpus follows the specs.
import type { FieldRules } from '@instancekit/core/internal';
import { vmOperations } from '@instancekit/jdcloud-vm';
import { api3Operations } from '@instancekit/tencent-cvm';
import { zecOperations } from '@instancekit/zenlayer-zec';
import fc from 'fast-check';
import {
  createInstanceKit,
  type InstanceKit,
  type ReinstallInput,
  type ResizeInput,
  ValidationError,
} from 'instancekit';
import { afterEach, describe, expect, it } from 'vitest';
import { jdcloud, type ProviderFixture, tencent, zenlayer } from './support/providers.js';

const RUNS = { numRuns: 50 };

type Props = { [name: string]: FieldRules };
const props = (rules: unknown): Props => (rules as FieldRules).properties as Props;

/** The rules of each neutral field, as the specs (through the generated tables) state them. */
interface Rules {
  instanceId: FieldRules;
  imageId: FieldRules;
  password: FieldRules;
  hostName?: FieldRules;
  keyId?: FieldRules;
  /** Whether the provider documents a userData size limit (Zenlayer does not, so nothing is enforced). */
  userDataLimit: boolean;
}

const tc = props(api3Operations.ResetInstance.input);
const zc = props(zecOperations.ResetInstance.input);
const jd = props(vmOperations.rebuildInstance.input);
const RULES: Record<string, Rules> = {
  tencent: {
    instanceId: props(api3Operations.ResetInstancesType.input).InstanceIds!.items!,
    imageId: tc.ImageId!,
    password: props(tc.LoginSettings).Password!,
    hostName: tc.HostName!,
    keyId: props(tc.LoginSettings).KeyIds!.items!,
    userDataLimit: true,
  },
  zenlayer: {
    instanceId: zc.instanceId!,
    imageId: zc.imageId!,
    password: zc.password!,
    userDataLimit: false,
  },
  jdcloud: {
    instanceId: jd.instanceId!,
    imageId: jd.imageId!,
    password: jd.password!,
    hostName: jd.hostname!,
    keyId: jd.keyNames!.items!,
    userDataLimit: true,
  },
};

// The tables agree with the facade's own resize rules (same id rule for resize and reinstall).
it('the generated tables give each provider one instance-id rule for resize and reinstall', () => {
  expect(RULES.tencent!.instanceId.pattern).toBe(tc.InstanceId!.pattern);
  expect(props(zecOperations.ModifyInstanceType.input).instanceId).toEqual(zc.instanceId);
  expect(props(vmOperations.resizeInstance.input).instanceId).toEqual(jd.instanceId);
  expect(RULES.tencent!.instanceId.pattern).toBeTruthy();
  expect(RULES.jdcloud!.instanceId.pattern).toBeTruthy();
});

const matches = (rules: FieldRules, value: string) => {
  const length = [...value].length;
  if (rules.minLength !== undefined && length < rules.minLength) return false;
  if (rules.maxLength !== undefined && length > rules.maxLength) return false;
  return rules.pattern === undefined || new RegExp(rules.pattern, 'u').test(value);
};

/** Strings that break `rules`: mutations of a valid `sample` (prefix, length, characters) and random text. */
function breaking(rules: FieldRules, sample: string): fc.Arbitrary<string> {
  const chars = fc.constantFrom(...'ABCXYZ_ .#é\u0000/\\'.split(''));
  const mutations = fc.oneof(
    fc.constant(''),
    // wrong prefix
    fc
      .tuple(fc.constantFrom('x-', 'INS-', 'inst-', 'i_', 'im-', ''), fc.stringMatching(/^[a-z0-9]{8,10}$/))
      .map(([p, rest]) => p + rest),
    // too short / too long
    fc
      .integer({ min: 1, max: 40 })
      .map((n) => (n % 2 ? sample.slice(0, Math.max(0, sample.length - n)) : sample + 'a'.repeat(n))),
    // a character the pattern forbids
    fc
      .tuple(fc.nat({ max: sample.length }), chars)
      .map(([at, ch]) => sample.slice(0, at) + ch + sample.slice(at + 1)),
    // oversized
    fc.integer({ min: 256, max: 5_000 }).map((n) => sample + 'z'.repeat(n)),
    fc.string({ maxLength: 40 }),
  );
  return mutations.filter((value) => !matches(rules, value));
}

/** Passwords that break the provider's password rules: short, long, one character class, bad characters. */
function badPasswords(rules: FieldRules): fc.Arbitrary<string> {
  const min = rules.minLength ?? 8;
  const max = rules.maxLength ?? 30;
  const good = 'Aa1+Bb2+Cc3+Dd4+Ee5+Ff6+Gg7+Hh8+'; // four classes, characters every provider allows
  return fc
    .oneof(
      fc.integer({ min: 0, max: min - 1 }).map((n) => good.slice(0, n)),
      fc.integer({ min: max + 1, max: max + 40 }).map((n) => good.repeat(3).slice(0, n)),
      fc.integer({ min, max }).chain(
        (n) => fc.constantFrom('a', 'Z', '7').map((ch) => ch.repeat(n)), // one class only
      ),
      fc
        .tuple(fc.integer({ min: 0, max: min - 1 }), fc.constantFrom(' ', 'é', '\n', '\u4e2d', '\t'))
        .map(([at, ch]) => good.slice(0, at) + ch + good.slice(at + 1, min + 2)),
    )
    .filter((value) => !isValidPassword(rules, value));
}

function isValidPassword(rules: FieldRules, value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value)).length;
  return matches(rules, value) && classes >= (rules.minCharacterClasses ?? 0);
}

/** Base64 of more than 16 KiB. */
const oversizedUserData = fc
  .integer({ min: 16 * 1024 + 1, max: 24 * 1024 })
  .map((n) => Buffer.alloc(n, 'x').toString('base64'));

describe.each([tencent, zenlayer, jdcloud] as ProviderFixture[])('$name', (fx) => {
  const rules = RULES[fx.name]!;
  let sent = 0;
  const kit: InstanceKit = createInstanceKit({
    provider: fx.name,
    ...(fx.region ? { region: fx.region } : {}),
    credentials: fx.credentials,
    endpoint: 'http://127.0.0.1:9',
    // Only JD takes a billing endpoint; the others refuse it as an unsupported option.
    ...(fx.name === 'jdcloud' ? { billingEndpoint: 'http://127.0.0.1:9' } : {}),
    retry: false,
    fetch: async () => {
      sent++;
      return new Response('{}', { status: 500 });
    },
  });
  afterEach(() => {
    const requests = sent;
    sent = 0;
    expect(requests, 'requests that reached fetch').toBe(0);
  });

  const resizeOps: Record<string, (input: ResizeInput) => Promise<unknown>> = {
    resize: (input) => kit.resize({ ...input, dryRun: false }),
    'resize (dryRun)': (input) => kit.resize({ ...input, dryRun: true }),
    quoteResize: (input) => kit.quoteResize(input),
  };
  const reinstallOps: Record<string, (input: ReinstallInput) => Promise<unknown>> = {
    reinstall: (input) => kit.reinstall({ ...input, dryRun: false }),
    'reinstall (dryRun)': (input) => kit.reinstall({ ...input, dryRun: true }),
    ...(kit.capabilities.quoteReinstall.supported
      ? { quoteReinstall: (input: ReinstallInput) => kit.quoteReinstall(input) }
      : {}),
  };

  /** Runs `call` and asserts it was refused locally, naming one of `fields`. */
  async function refused(call: Promise<unknown>, fields: string[]): Promise<void> {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof ValidationError))
      throw new Error(`expected a ValidationError, got ${String(error)}`);
    if (!fields.includes(error.field))
      throw new Error(`expected field ${fields.join('|')}, got ${error.field}: ${error.message}`);
    expect(error.provider).toBe(fx.name);
    expect(error.attempts).toBe(0);
  }

  it('the valid fixtures pass preflight (so refusals below are about the broken field)', async () => {
    // Sent, then refused by the counting fetch's 500: proves validation let them through.
    // One at a time: a second call started up front could reject before anything awaits it (unhandled).
    for (const call of [() => kit.resize(fx.resizeInput), () => kit.reinstall(fx.reinstallInput)]) {
      await expect(call()).rejects.not.toBeInstanceOf(ValidationError);
    }
    expect(sent).toBe(2);
    sent = 0;
  });

  for (const [name, op] of Object.entries(resizeOps)) {
    describe(name, () => {
      it('malformed instance ids → instanceId', async () => {
        await fc.assert(
          fc.asyncProperty(breaking(rules.instanceId, fx.resizeInput.instanceId), (instanceId) =>
            refused(op({ ...fx.resizeInput, instanceId }), ['instanceId']),
          ),
          RUNS,
        );
      });

      it('an empty instance type → instanceType', async () => {
        await refused(op({ ...fx.resizeInput, instanceType: '' }), ['instanceType']);
      });

      it('wrong types → the field', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string())),
            async (value) => {
              await refused(op({ ...fx.resizeInput, instanceId: value as never }), ['instanceId']);
              await refused(op({ ...fx.resizeInput, instanceType: value as never }), ['instanceType']);
            },
          ),
          RUNS,
        );
      });

      if (fx.name !== 'tencent') {
        it('forceStop (unsupported) → forceStop', async () => {
          await fc.assert(
            fc.asyncProperty(fc.boolean(), (forceStop) =>
              refused(op({ ...fx.resizeInput, forceStop }), ['forceStop']),
            ),
            { numRuns: 4 },
          );
        });
      }
    });
  }

  for (const [name, op] of Object.entries(reinstallOps)) {
    describe(name, () => {
      const base = { instanceId: fx.reinstallInput.instanceId };

      it('malformed instance ids → instanceId', async () => {
        await fc.assert(
          fc.asyncProperty(breaking(rules.instanceId, fx.reinstallInput.instanceId), (instanceId) =>
            refused(op({ ...base, instanceId }), ['instanceId']),
          ),
          RUNS,
        );
      });

      it('malformed image ids → imageId', async () => {
        // An empty imageId is refused too (it once was dropped, reinstalling the current image); "keep the
        // current image" is leaving imageId out.
        const bad = breaking(rules.imageId, fx.reinstallInput.imageId!);
        await refused(op({ ...base, imageId: '' }), ['imageId']);
        if (!rules.imageId.pattern && rules.imageId.maxLength === undefined) return; // minLength 1 only: '' is all that is bad
        await fc.assert(
          fc.asyncProperty(bad, (imageId) => refused(op({ ...base, imageId }), ['imageId'])),
          RUNS,
        );
      });

      it('passwords too short, too long, single-class or with bad characters → password', async () => {
        await fc.assert(
          fc.asyncProperty(badPasswords(rules.password), (password) =>
            refused(op({ ...base, password }), ['password']),
          ),
          RUNS,
        );
      });

      it('password and keyIds together → keyIds or password', async () => {
        await fc.assert(
          fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{8}$/), async (suffix) => {
            const keyId = fx.name === 'tencent' ? `skey-${suffix}` : `key-${suffix}`;
            await refused(op({ ...base, password: fx.reinstallInput.password!, keyIds: [keyId] }), [
              'keyIds',
              'password',
            ]);
          }),
          { numRuns: 10 },
        );
      });

      it('an empty keyIds list → keyIds (no provider gets an empty login method)', async () => {
        await refused(op({ ...base, keyIds: [] }), ['keyIds']);
      });

      if (rules.keyId?.pattern) {
        it('malformed key ids → keyIds', async () => {
          await fc.assert(
            fc.asyncProperty(
              breaking(rules.keyId!, 'skey-abcd1234').filter((s) => s !== ''),
              (keyId) => refused(op({ ...base, keyIds: [keyId] }), ['keyIds[0]']),
            ),
            RUNS,
          );
        });
      }

      if (rules.hostName) {
        it('host names empty, oversized or malformed → hostName', async () => {
          await fc.assert(
            fc.asyncProperty(breaking(rules.hostName!, 'web-01'), (hostName) =>
              refused(op({ ...base, hostName }), ['hostName']),
            ),
            RUNS,
          );
        });
      } else {
        it('hostName (unsupported) → hostName', async () => {
          await fc.assert(
            fc.asyncProperty(fc.stringMatching(/^[a-z]{2,20}$/), (hostName) =>
              refused(op({ ...base, hostName }), ['hostName']),
            ),
            { numRuns: 10 },
          );
        });
      }

      if (rules.userDataLimit) {
        it('userData over 16 KiB decoded, or not base64 → userData', async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.oneof(oversizedUserData, fc.constantFrom('not base64!', 'YWJj=ZGVm', '====', 'é')),
              (userData) => refused(op({ ...base, userData }), ['userData']),
            ),
            { numRuns: 20 },
          );
        });
      }

      if (fx.name === 'tencent') {
        it('a system disk size that is not a positive integer → systemDiskSizeGiB', async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 0.01, max: 1000, noInteger: true })),
              (systemDiskSizeGiB) => refused(op({ ...base, systemDiskSizeGiB }), ['systemDiskSizeGiB']),
            ),
            RUNS,
          );
        });
      } else {
        it('systemDiskSizeGiB (unsupported) → systemDiskSizeGiB', async () => {
          await fc.assert(
            fc.asyncProperty(fc.integer({ min: 20, max: 500 }), (systemDiskSizeGiB) =>
              refused(op({ ...base, systemDiskSizeGiB }), ['systemDiskSizeGiB']),
            ),
            { numRuns: 10 },
          );
        });
        it('two key pairs (one allowed) → keyIds', async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.uniqueArray(fc.stringMatching(/^key-[a-z0-9]{6}$/), { minLength: 2, maxLength: 5 }),
              (keyIds) => refused(op({ ...base, keyIds }), ['keyIds']),
            ),
            { numRuns: 10 },
          );
        });
      }
    });
  }
});
