// Secrets, reinstall passwords and user data must never show in errors, logger events or inspect/JSON output
// of a client or the kit. Each secret is a distinctive string searched for verbatim (and percent-encoded, for
// the Tencent legacy query); each test also proves the secret really went through the code under test.
import { inspect } from 'node:util';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { type InstanceKit, InstanceKitError, type LogEvent, ValidationError } from 'instancekit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Behaviour,
  closedPortUrl,
  type FaultServer,
  type Script,
  startFaultServer,
} from './support/fault-server.js';
import {
  FIXTURES,
  jdcloud,
  kitFor,
  type ProviderFixture,
  SECRETS,
  tencent,
  zenlayer,
} from './support/providers.js';

/** Valid for every provider: 12 characters, four classes, only characters all three allow. */
const PASSWORD = 'Pw0rd+Xq7Zk9';
const USERDATA_MARKER = 'USERDATA-SECRET-5d1c0b';
const USERDATA = Buffer.from(`#!/bin/sh\necho ${USERDATA_MARKER} > /etc/motd\n`).toString('base64');

/** Every form a secret could leak in: verbatim, percent-encoded (query strings), form-encoded. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')])];
}

function secretsOf(fx: ProviderFixture, extra: string[] = []): string[] {
  return [SECRETS[fx.name], PASSWORD, USERDATA, USERDATA_MARKER, ...extra];
}

function expectClean(text: string, secrets: string[], where: string): void {
  for (const secret of secrets)
    for (const form of forms(secret)) {
      if (text.includes(form))
        throw new Error(`${where} leaks ${JSON.stringify(form)}:\n${text.slice(0, 2_000)}`);
    }
}

/** Every way an error is commonly turned into text. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    message: e.message,
    string: String(e),
    stack: e.stack ?? '',
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 10 }),
    inspectHidden: inspect(e, { depth: 10, showHidden: true }),
  };
}

function expectErrorClean(error: unknown, secrets: string[]): void {
  expect(error).toBeInstanceOf(InstanceKitError);
  for (const [how, text] of Object.entries(renderings(error))) expectClean(text, secrets, `error ${how}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  const warm = await startFaultServer([{ kind: 'text', body: 'ok' }]);
  await (await fetch(warm.url)).text();
  await warm.close();
});

describe.each(FIXTURES)('$name', (fx) => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const reinstall = { instanceId: fx.reinstallInput.instanceId, password: PASSWORD, userData: USERDATA };

  async function serve(
    script: Script,
    events?: LogEvent[],
  ): Promise<{ kit: InstanceKit; server: FaultServer }> {
    server = await startFaultServer(script);
    return { server, kit: kitFor(fx, server.url, events ? { logger: (e) => events.push(e) } : {}) };
  }

  it('a ValidationError on the password does not echo it', async () => {
    const tooShort = 'Zq7+Secr'.slice(0, 7); // 7 characters
    const badChar = 'Qx9 Secret Pw'; // a space: breaks every provider's pattern
    for (const password of [tooShort, badChar]) {
      const { kit } = await serve([{ kind: 'text', body: '' }]);
      const error = await rejection(kit.reinstall({ ...reinstall, password }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('password');
      expectErrorClean(error, [...secretsOf(fx), password]);
      expect(server!.count).toBe(0);
      await server!.close();
      server = undefined;
    }
  });

  it('an ApiError, a TimeoutError and a NetworkError of a reinstall carry no secret', async () => {
    const behaviours: Behaviour[] = [
      fx.serverError(500, 'rid-1').behaviour,
      { kind: 'hang' },
      { kind: 'reset' },
    ];
    for (const behaviour of behaviours) {
      server = await startFaultServer([behaviour]);
      const kit = kitFor(fx, server.url, behaviour.kind === 'hang' ? { timeoutMs: 1_000 } : {});
      const error = await rejection(kit.reinstall(reinstall));
      expectErrorClean(error, secretsOf(fx));
      // The password did travel: the check above could have failed.
      expect(server.requests[0]!.body + server.requests[0]!.url).toMatch(/Pw0rd/);
      await server.close();
      server = undefined;
    }
    const kit = kitFor(fx, await closedPortUrl());
    expectErrorClean(await rejection(kit.reinstall(reinstall)), secretsOf(fx));
  });

  it('logger events of a resize and a reinstall (with a retry and an error) are redacted', async () => {
    const events: LogEvent[] = [];
    let reinstalls = 0;
    const { kit, server } = await serve((req, i) => {
      const id = `rid-${i + 1}`;
      if (req.action === fx.actions.reinstall && reinstalls++ === 0) return fx.throttle(id);
      if (req.action === fx.actions.reinstall && reinstalls === 3) return fx.serverError(500, id).behaviour;
      return fx.success(req.action, id);
    }, events);
    await kit.resize(fx.resizeInput);
    await kit.reinstall(reinstall); // throttled once, then accepted
    expectErrorClean(await rejection(kit.reinstall(reinstall)), secretsOf(fx)); // a 500
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(['error', 'request', 'response', 'retry']);
    // The signature is a secret too: take the real one from the wire.
    const signatures = server.requests.map((r) =>
      String(r.headers.authorization ?? r.headers['x-jdcloud-signature'] ?? ''),
    );
    expect(signatures.every((s) => s.length > 20)).toBe(true);
    const sigValues = signatures.map((s) => s.match(/Signature=([0-9a-f]+)/i)?.[1] ?? s);
    expectClean(JSON.stringify(events), [...secretsOf(fx), ...sigValues], 'logger events');
    expect(JSON.stringify(events)).toContain('[redacted]');
    expect(server.requests.some((r) => r.body.includes(PASSWORD))).toBe(true);
  });

  it('util.inspect and JSON.stringify of the kit show no secret', async () => {
    const { kit } = await serve([{ kind: 'text', body: '' }]);
    expectClean(inspect(kit, { depth: 10, showHidden: true }), secretsOf(fx), 'inspect(kit)');
    expectClean(JSON.stringify(kit), secretsOf(fx), 'JSON.stringify(kit)');
    expect(inspect(kit)).toContain(fx.name);
  });
});

describe('provider clients', () => {
  const clients = {
    tencent: () =>
      createTencentCvmClient({
        region: 'ap-guangzhou',
        credentials: tencent.credentials as never,
        endpoint: 'http://127.0.0.1:9',
      }),
    'tencent legacy': () =>
      createTencentCvmLegacyClient({
        region: 'ap-guangzhou',
        credentials: tencent.credentials as never,
        endpoint: 'http://127.0.0.1:9',
      }),
    zenlayer: () =>
      createZenlayerZecClient({ credentials: zenlayer.credentials as never, endpoint: 'http://127.0.0.1:9' }),
    jdcloud: () =>
      createJdcloudVmClient({
        region: 'cn-north-1',
        credentials: jdcloud.credentials as never,
        endpoint: 'http://127.0.0.1:9',
      }),
  };
  for (const [name, make] of Object.entries(clients)) {
    it(`${name}: util.inspect / JSON.stringify / Object.entries show no secret`, () => {
      const client = make();
      const all = Object.values(SECRETS);
      expectClean(inspect(client, { depth: 10, showHidden: true }), all, `inspect(${name})`);
      expectClean(JSON.stringify(client), all, `JSON.stringify(${name})`);
      expectClean(inspect(Object.entries(client), { depth: 10 }), all, `entries(${name})`);
    });
  }

  it('tencent legacy transport: the password in the query never reaches the logger or an error', async () => {
    const events: LogEvent[] = [];
    let calls = 0;
    const server = await startFaultServer((req, i) =>
      calls++ === 0
        ? tencent.throttle(`rid-${i}`)
        : i < 2
          ? tencent.success(req.action, `rid-${i}`)
          : tencent.serverError(500, `rid-${i}`).behaviour,
    );
    try {
      const client = createTencentCvmLegacyClient({
        region: 'ap-guangzhou',
        credentials: tencent.credentials as never,
        endpoint: server.url,
        retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 2 },
        logger: (e) => events.push(e),
      });
      const input = {
        InstanceId: 'ins-r8hr2upy',
        LoginSettings: { Password: PASSWORD },
        UserData: USERDATA,
      };
      await client.ResetInstance(input);
      const error = await rejection(client.ResetInstance(input));
      const signatures = server.requests.map(
        (r) => new URL(r.url, server.url).searchParams.get('Signature') ?? '',
      );
      // The secrets did travel in the query, so the checks below could fail.
      expect(server.requests[0]!.url).toContain(encodeURIComponent(PASSWORD));
      expect(signatures.every((s) => s.length > 10)).toBe(true);
      const secrets = [SECRETS.tencent, PASSWORD, USERDATA, USERDATA_MARKER, ...signatures];
      const requests = events.filter((e) => e.type === 'request');
      expect(requests.length).toBe(server.count);
      for (const event of requests)
        expect(event.type === 'request' && event.url).toContain('LoginSettings.Password=');
      expectClean(JSON.stringify(events), secrets, 'legacy logger events');
      for (const [how, text] of Object.entries(renderings(error)))
        expectClean(text, secrets, `legacy error ${how}`);
    } finally {
      await server.close();
    }
  });
});
