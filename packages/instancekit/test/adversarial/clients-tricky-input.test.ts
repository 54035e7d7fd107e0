// What a second look at issue 10 found (a review that attacked the built packages): input that changes while
// it is read, arrays with holes, a fetch that ignores an aborted signal, options changed after the client was
// made, secrets echoed in forms the first scrubber missed, causes from other HTTP clients, and the costs of
// huge input. Each case failed before its fix.
import { inspect } from 'node:util';
import { AbortError, ApiError, type ResponseMetadata, ValidationError } from '@instancekit/core';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { describe, expect, it } from 'vitest';

const credentials = { secretId: 'AKIDtricky0001', secretKey: 'tricky-secret-key-0001' };
const metadataOf = (result: unknown) => (result as { $metadata: ResponseMetadata }).$metadata;
const ok = () => new Response(JSON.stringify({ Response: { RequestId: 'r-1' } }));

function recorder(answer: (request: Request) => Response | Promise<Response> = ok) {
  const sent: Array<{ url: string; body: string }> = [];
  const fetch = async (request: Request) => {
    const entry = { url: request.url, body: '' };
    sent.push(entry);
    entry.body = await request.clone().text();
    return answer(request);
  };
  return { sent, fetch };
}

/** A Tencent client on the road `transport` names (the legacy gateway is its own entry point). */
const tencent = (
  fetch: (request: Request) => Promise<Response>,
  { transport, ...extra }: Record<string, unknown> = {},
) =>
  (transport === 'legacy' ? createTencentCvmLegacyClient : createTencentCvmClient)({
    region: 'ap-guangzhou',
    credentials,
    fetch,
    retry: false,
    ...extra,
  });

async function refusal(call: () => Promise<unknown>): Promise<ValidationError> {
  const error = await call().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('input is read once: what is validated is what is sent', () => {
  it('a getter is refused (it could show the validator one value and the wire another)', async () => {
    const { sent, fetch } = recorder();
    let reads = 0;
    const input = { InstanceIds: ['ins-abcdefgh'] };
    Object.defineProperty(input, 'InstanceType', {
      enumerable: true,
      get: () => (reads++ < 4 ? 'S1.LARGE4' : 'S1.LARGE4"}{"x'),
    });
    expect((await refusal(() => tencent(fetch).ResetInstancesType(input as never))).rule).toBe('accessor');
    expect(sent).toHaveLength(0);
  });

  it('a Proxy is copied once: the value validated is the value sent', async () => {
    for (const transport of ['api3', 'legacy'] as const) {
      const { sent, fetch } = recorder();
      let calls = 0;
      const input = new Proxy(
        { InstanceIds: ['ins-abcdefgh'], InstanceType: 'S1.LARGE4' },
        {
          get: (target, key) =>
            key === 'InstanceType' && ++calls > 1 ? 'BAD\r\nTYPE' : Reflect.get(target, key),
        },
      );
      await tencent(fetch, { transport }).ResetInstancesType(input);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.url + sent[0]!.body).not.toMatch(/BAD/);
      expect(sent[0]!.url + sent[0]!.body).toContain('S1.LARGE4');
    }
  });

  it('array holes, undefined items and extra keys on arrays are refused, naming the item', async () => {
    const { sent, fetch } = recorder();
    const client = tencent(fetch);
    const extra = Object.assign(['ins-abcdefgh'], { note: 'x' });
    const holed = ['ins-hole0000', 'ins-abcdefgh'];
    delete holed[0];
    for (const [ids, field] of [
      [[undefined], 'InstanceIds[0]'],
      [holed, 'InstanceIds[0]'],
      [extra, 'InstanceIds.note'],
    ] as const) {
      const error = await refusal(() =>
        client.ResetInstancesType({ InstanceIds: ids as never, InstanceType: 'S1.LARGE4' }),
      );
      expect(error.field).toBe(field);
    }
    const jd = createJdcloudVmClient({
      region: 'cn-north-1',
      credentials: { accessKey: 'a', secretKey: 's' },
      fetch,
    });
    expect((await refusal(() => jd.describeInstanceStatus({ filters: [undefined as never] }))).field).toBe(
      'filters[0]',
    );
    expect(sent).toHaveLength(0);
  });

  it('a 100-million-character string is refused at once, without building an array of it', async () => {
    const { fetch } = recorder();
    const started = performance.now();
    const error = await refusal(() =>
      tencent(fetch).ResetInstancesType({ InstanceIds: ['ins-abcdefgh'], InstanceType: 'A'.repeat(1e8) }),
    );
    expect(error.field).toBe('InstanceType');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('signals and options', () => {
  it('an already aborted signal: a fetch that ignores signals is never called', async () => {
    const { sent, fetch } = recorder();
    const error = await tencent(fetch)
      .ResetInstancesType(
        { InstanceIds: ['ins-abcdefgh'], InstanceType: 'S1.LARGE4' },
        { signal: AbortSignal.abort() },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(sent).toHaveLength(0);
  });

  it('a signal-like object without removeEventListener is refused before anything is sent', async () => {
    const { sent, fetch } = recorder();
    const signal = { aborted: false, addEventListener() {} };
    expect((await refusal(() => tencent(fetch).DescribeInstances({}, { signal } as never))).field).toBe(
      'options.signal',
    );
    expect(sent).toHaveLength(0);
  });

  it('options changed after the client was made change nothing', async () => {
    let count = 0;
    const fetch = async () => {
      count++;
      return new Response(JSON.stringify({ Response: { RequestId: 'r', Error: { Code: 'InternalError' } } }));
    };
    const options = { region: 'ap-guangzhou', credentials, fetch, retry: { maxAttempts: 2, baseDelayMs: 1 } };
    const client = createTencentCvmClient(options);
    options.retry.maxAttempts = Number.POSITIVE_INFINITY;
    options.retry.baseDelayMs = Number.NaN;
    await client.DescribeInstances({}).catch(() => {});
    expect(count).toBe(2);
  });

  it('a logger that throws does not turn a call that ran into a failure', async () => {
    const { sent, fetch } = recorder();
    const result = await tencent(fetch, {
      logger: () => {
        throw new SyntaxError('broken logger');
      },
    }).ResetInstancesType({ InstanceIds: ['ins-abcdefgh'], InstanceType: 'S1.LARGE4' });
    expect(metadataOf(result).requestId).toBe('r-1');
    expect(sent).toHaveLength(1);
  });

  it('a fetch that answers synchronously still works', async () => {
    const result = await tencent((() => ok()) as never).DescribeInstances({});
    expect(metadataOf(result).requestId).toBe('r-1');
  });
});

describe('secrets in forms the first scrubber missed', () => {
  const PASSWORD = "Abc(123)!xyz'*";
  const SCRIPT = `#!/bin/sh\nexport DB_PASSWORD="S3cretDbPass"\n${'echo a-long-line-of-the-script\n'.repeat(3)}`;
  const USER_DATA = btoa(SCRIPT);
  const secretsIn = (text: string) =>
    [PASSWORD, 'S3cretDbPass', 'Abc%28123%29%21xyz', 'Abc(123)', USER_DATA.slice(0, 76)].filter((s) =>
      text.includes(s),
    );

  async function echoed(
    body: (request: Request, sentBody: string) => string,
    transport: 'api3' | 'legacy' = 'api3',
  ) {
    const client = tencent(
      async (request) => new Response(body(request, await request.clone().text()), { status: 502 }),
      { transport },
    );
    const error = await client
      .ResetInstance({
        InstanceId: 'ins-abcdefgh',
        ImageId: 'img-pmqg1cw7',
        LoginSettings: { Password: PASSWORD },
        UserData: USER_DATA,
      })
      .catch((e: unknown) => e);
    return [inspect(error, { depth: 8 }), JSON.stringify(error), String((error as Error).stack)].join('\n');
  }

  it('the legacy query RFC 3986-encoded, echoed by a gateway page', async () => {
    expect(secretsIn(await echoed((request) => `<pre>${request.url}</pre>`, 'legacy'))).toEqual([]);
  });

  it('HTML-escaped, base64 wrapped at 76 characters, and a decoded line JSON-escaped', async () => {
    const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    expect(secretsIn(await echoed((_r, body) => `<pre>${html(body)}</pre>`))).toEqual([]);
    expect(secretsIn(await echoed(() => (USER_DATA.match(/.{1,76}/g) ?? []).join('\n')))).toEqual([]);
    expect(secretsIn(await echoed(() => JSON.stringify({ echo: SCRIPT })))).toEqual([]);
  });

  it('a secret across the snippet’s 200th character leaves no start of it', async () => {
    const text = await echoed(() => `${'x'.repeat(194)}${PASSWORD}`);
    expect(text).not.toContain('Abc(');
  });

  it('a cause from another HTTP client (its config, an AggregateError) keeps no secret', async () => {
    const token = 'SESSION-token-from-the-cause';
    const client = createTencentCvmClient({
      region: 'ap-guangzhou',
      credentials: { ...credentials, token },
      retry: false,
      fetch: async () => {
        throw Object.assign(new TypeError('fetch failed'), {
          config: { headers: { 'x-tc-token': token } },
          cause: new AggregateError([new Error(`x-tc-token: ${token}`)]),
        });
      },
    });
    const error = await client.DescribeInstances({}).catch((e: unknown) => e);
    expect(inspect(error, { depth: 10 })).not.toContain(token);
  });

  it('scrubbing a huge echo stays fast (the message is capped, all forms found in one pass)', async () => {
    // About 12 KiB decoded: within Tencent's 16 KiB user-data limit, so the call is sent and the echo read.
    const big = btoa(Array.from({ length: 400 }, (_, i) => `echo line-${i}-of-a-long-script`).join('\n'));
    const client = tencent(
      async () =>
        new Response(
          JSON.stringify({
            Response: { RequestId: 'r', Error: { Code: 'X', Message: 'echo '.repeat(3e6) } },
          }),
        ),
    );
    const started = performance.now();
    const error = (await client
      .ResetInstance({ InstanceId: 'ins-abcdefgh', UserData: big } as never)
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ApiError);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(error.message.length).toBeLessThan(2_000);
  });

  it('the entry name of JD user data is not taken for a secret', async () => {
    const jd = createJdcloudVmClient({
      region: 'cn-north-1',
      credentials: { accessKey: 'a', secretKey: 's' },
      retry: false,
      fetch: async () =>
        new Response(
          JSON.stringify({
            requestId: 'r',
            error: {
              code: 400,
              status: 'INVALID_ARGUMENT',
              message: 'userdata key launch-script: not stopped',
            },
          }),
          { status: 400 },
        ),
    });
    const error = (await jd
      .rebuildInstance({
        instanceId: 'i-6za0ovr24v',
        userdata: [{ key: 'launch-script', value: btoa('#!/bin/sh\necho hello-world-12\n') }],
      } as never)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('launch-script');
  });
});

describe('request ids', () => {
  it('Zenlayer: an empty or odd outer id falls back to the inner one', async () => {
    for (const outer of ['', {}]) {
      const client = createZenlayerZecClient({
        credentials: { accessKeyId: 'i', accessKeyPassword: 'p' },
        fetch: async () =>
          new Response(JSON.stringify({ requestId: outer, response: { requestId: 'inner-1' } })),
      });
      const result = await client.DescribeInstancesStatus({});
      expect(metadataOf(result).requestId).toBe('inner-1');
    }
  });
});
