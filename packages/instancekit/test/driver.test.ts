// The declarations behind the drivers (src/driver.ts, src/neutral-rules.ts): a driver's `fields` say where
// each neutral field goes, and the derived rules trust that. These tests hold each declaration to what its
// `send` really puts on the wire, and the derivation to the spec it restates.
import type { FieldRules } from '@instancekit/core/internal';
import { describe, expect, it } from 'vitest';
import { createInstanceKit, type ReinstallInput, type ResizeInput } from '../src/index.js';
import { neutralRules } from '../src/neutral-rules.js';
import { jdcloud as jdcloudDriver } from '../src/providers/jdcloud.js';
import { tencent as tencentDriver } from '../src/providers/tencent.js';
import { zenlayer as zenlayerDriver } from '../src/providers/zenlayer.js';
import { reinstallInput, resizeInput } from '../src/schemas.js';
import { jdcloud, type ProviderFixture, tencent, zenlayer } from './support/providers.js';

/** Every field each provider takes, with values its spec accepts. */
const FULL: Record<string, { resize: ResizeInput; reinstall: ReinstallInput; login: ReinstallInput[] }> = {
  tencent: {
    resize: { instanceId: 'ins-r8hr2upy', instanceType: 'S5.LARGE8', forceStop: true },
    reinstall: {
      instanceId: 'ins-r8hr2upy',
      imageId: 'img-pmqg1cw7',
      hostName: 'web-01',
      userData: 'YWJj',
      systemDiskSizeGiB: 60,
    },
    login: [
      { instanceId: 'ins-r8hr2upy', password: 'Str0ng+Passw0rd' },
      { instanceId: 'ins-r8hr2upy', keyIds: ['skey-abcd1234'] },
    ],
  },
  zenlayer: {
    resize: { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' },
    reinstall: { instanceId: '1660545330971680835', imageId: 'img-1', keyIds: ['key-abc'], userData: 'YWJj' },
    login: [{ instanceId: '1660545330971680835', password: 'Aa1+Bb2+' }],
  },
  jdcloud: {
    resize: { instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' },
    reinstall: {
      instanceId: 'i-6za0ovr24v',
      imageId: 'img-m5s0biarbf',
      keyIds: ['kp1'],
      hostName: 'web-01',
      userData: 'YWJj',
    },
    login: [{ instanceId: 'i-6za0ovr24v', password: 'Str0ngPassw0rd' }],
  },
};

const DRIVERS = { tencent: tencentDriver, zenlayer: zenlayerDriver, jdcloud: jdcloudDriver };

/** The value at a declared path of a sent body, walking through arrays as the declaration does. */
function at(body: unknown, path: string): unknown {
  let value = body;
  for (const segment of path.split('.')) {
    if (Array.isArray(value)) value = value[0];
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

describe.each([tencent, zenlayer, jdcloud] as ProviderFixture[])('$name declaration', (fx) => {
  const sent: Array<{ url: string; body: unknown }> = [];
  const kit = createInstanceKit({
    provider: fx.name,
    ...(fx.region ? { region: fx.region } : {}),
    credentials: fx.credentials,
    endpoint: 'http://127.0.0.1:9',
    retry: false,
    fetch: async (request) => {
      const text = request.method === 'GET' ? '' : await request.text();
      sent.push({ url: decodeURIComponent(request.url), body: text ? JSON.parse(text) : {} });
      return new Response('{}', { status: 500 });
    },
  });

  it.each(['resize', 'reinstall'] as const)(
    '%s: every declared field is where `fields` says it is',
    async (operation) => {
      const fields: Record<string, string | undefined> = DRIVERS[fx.name].declaration[operation].fields;
      const inputs =
        operation === 'resize'
          ? [FULL[fx.name]!.resize]
          : [FULL[fx.name]!.reinstall, ...FULL[fx.name]!.login];
      const covered = new Set<string>();
      for (const input of inputs) {
        sent.length = 0;
        await (operation === 'resize'
          ? kit.resize(input as ResizeInput & { dryRun?: false })
          : kit.reinstall(input as ReinstallInput & { dryRun?: false })
        ).catch(() => undefined);
        expect(sent).toHaveLength(1);
        const { url, body } = sent[0]!;
        for (const [name, path] of Object.entries(fields)) {
          const given = new Map(Object.entries(input)).get(name);
          if (given === undefined) continue;
          covered.add(name);
          const found = at(body, path!);
          // A path parameter (JD's instanceId) is in the URL, not the body.
          if (found === undefined) expect(url, `${name} → ${path}`).toContain(`/${String(given)}`);
          else expect([found].flat(), `${name} → ${path}`).toEqual([given].flat());
        }
      }
      expect([...covered].sort(), 'declared fields given a value above').toEqual(Object.keys(fields).sort());
    },
  );
});

describe('neutralRules', () => {
  const spec: FieldRules = {
    type: 'object',
    required: ['Ids', 'Type'],
    properties: {
      Ids: { type: 'array', minItems: 1, maxItems: 1, items: { type: 'string', pattern: '^i-' } },
      Type: { type: 'string', maxLength: 8 },
      Keys: { type: 'string' },
    },
  };
  const table = { Resize: { input: spec } };
  const op = (fields: Record<string, string>, refuse = {}) => ({
    action: 'Resize',
    fields,
    refuse,
    send: async () => ({}),
  });
  const full = { instanceId: 'Ids', instanceType: 'Type', forceStop: 'Type' };

  it("restates the spec's rules under the neutral names, reshaped as the mapping changes them", () => {
    const rules = neutralRules('tencent', table, op(full), resizeInput);
    expect(rules.required).toEqual(['instanceId', 'instanceType', 'forceStop']);
    expect(rules.properties?.instanceId).toEqual({ type: 'string', pattern: '^i-' });
    expect(rules.properties?.instanceType).toEqual({ type: 'string', maxLength: 8 });
    const keyed = neutralRules(
      'tencent',
      { R: { input: { properties: { Key: { type: 'string' } } } } },
      {
        ...op({}),
        action: 'R',
        fields: { instanceId: 'Key', keyIds: 'Key' },
        refuse: { imageId: '', password: '', hostName: '', userData: '', systemDiskSizeGiB: '' },
      },
      reinstallInput,
    );
    expect(keyed.properties?.keyIds).toEqual({ maxItems: 1, items: { type: 'string' } });
  });

  it('refuses a declaration that drifted from the spec or from the neutral input', () => {
    expect(() => neutralRules('tencent', table, op({ ...full, instanceType: 'Nope' }), resizeInput)).toThrow(
      /no field Nope/,
    );
    expect(() =>
      neutralRules('tencent', table, op({ instanceId: 'Ids', instanceType: 'Type' }), resizeInput),
    ).toThrow(/neither maps nor refuses forceStop/);
    expect(() =>
      neutralRules(
        'tencent',
        table,
        op({ instanceId: 'Ids', forceStop: 'Keys' }, { instanceType: 'x' }),
        resizeInput,
      ),
    ).toThrow(/required Type/);
    expect(() => neutralRules('tencent', table, { ...op(full), action: 'Other' }, resizeInput)).toThrow(
      /no such operation/,
    );
  });
});
