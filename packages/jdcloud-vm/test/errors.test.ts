/**
 * Failures that are not the spec's examples: bodies that are not JD's envelope (and the request-id header),
 * 429s that are not throttling, the status-string table, missing credentials and the spec's input rules. A custom
 * fetch answers; nothing of ours is stubbed. What every client does alike (garbage bodies, retries by kind,
 * Retry-After, aborts, env fallback, redaction) is in packages/instancekit/test/conformance.
 */
import {
  ApiError,
  CredentialsError,
  RateLimitError,
  ResponseFormatError,
  ValidationError,
} from '@instancekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  classifyError,
  createJdcloudVmClient,
  errorHttpStatuses,
  type JdcloudVmClientOptions,
} from '../src/index';

/** Every documented status string with its documented HTTP status and the neutral code it classifies as. */
const documented = Object.entries(errorHttpStatuses).map(
  ([name, httpStatus]) => [name, { httpStatus, ...classifyError(name, httpStatus) }] as const,
);

const INSTANCE = 'i-6za0ovr24v';
const SECRET = 'sk-very-secret-value-0123456789';
const HEADER_ID = 'hdr0hdr0hdr0hdr0hdr0hdr0hdr0hdr0';
const BODY_ID = 'bdy0bdy0bdy0bdy0bdy0bdy0bdy0bdy0';

type Answer = { status: number; body: string; headers?: Record<string, string> };

function answering(answers: Answer[], extra: Partial<JdcloudVmClientOptions> = {}) {
  const calls: Request[] = [];
  const client = createJdcloudVmClient({
    credentials: { accessKey: 'ak-errors', secretKey: SECRET },
    region: 'cn-north-1',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    fetch: async (request) => {
      calls.push(request);
      const answer = answers[Math.min(calls.length, answers.length) - 1]!;
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
    ...extra,
  });
  return { client, calls };
}

/** The rejection of `promise`, typed loosely enough to read any error class's fields. */
async function failure(promise: Promise<unknown>): Promise<ResponseFormatError> {
  return promise.then(
    (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as ResponseFormatError,
  );
}

const jdError = (status: number, name: string, requestId: string | null = BODY_ID) =>
  JSON.stringify({
    ...(requestId ? { requestId } : {}),
    error: { code: status, status: name, message: `${name} here` },
  });

describe('answers that are not JD envelopes', () => {
  it('an HTML 502 page: ResponseFormatError with the status, the body start and the header request id; a read is retried', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const { client, calls } = answering([
      {
        status: 502,
        body: html,
        headers: { 'content-type': 'text/html', 'x-jdcloud-request-id': HEADER_ID },
      },
    ]);
    const error = await failure(client.describeInstance({ instanceId: INSTANCE }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({
      provider: 'jdcloud',
      action: 'describeInstance',
      httpStatus: 502,
      code: 'Unavailable',
      requestId: HEADER_ID,
      retryable: true,
      attempts: 3,
      requestIds: [HEADER_ID, HEADER_ID, HEADER_ID],
    });
    expect(error.bodySnippet).toBe(html);
    expect(calls).toHaveLength(3);
  });

  it.each([
    [200, 'Internal'],
    [500, 'Internal'],
    [503, 'Unavailable'],
  ])(
    'an empty body with HTTP %i: ResponseFormatError (%s), request id from the header',
    async (status, code) => {
      const { client } = answering([{ status, body: '', headers: { 'x-jdcloud-request-id': HEADER_ID } }], {
        retry: false,
      });
      const error = await failure(client.describeInstance({ instanceId: INSTANCE }));
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect(error).toMatchObject({ httpStatus: status, code, requestId: HEADER_ID, bodySnippet: '' });
    },
  );

  it.each([
    ['an array', 200, '[{"requestId":"x"}]'],
    ['no result and no request id', 200, '{"data":{"instance":{}}}'],
    ['a result that is not an object', 200, `{"requestId":"${BODY_ID}","result":"ok"}`],
    [
      'an error without a status string',
      400,
      `{"requestId":"${BODY_ID}","error":{"code":400,"message":"bad"}}`,
    ],
    ['a JSON string', 200, '"ok"'],
    ['null', 200, 'null'],
  ])('wrong-shape JSON (%s): ResponseFormatError, never a TypeError', async (_label, status, body) => {
    const { client } = answering([{ status, body, headers: { 'x-jdcloud-request-id': HEADER_ID } }], {
      retry: false,
    });
    const error = await failure(client.describeInstance({ instanceId: INSTANCE }));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error.httpStatus).toBe(status);
    expect(error.bodySnippet).toBe(body);
    expect(typeof error.requestId).toBe('string');
  });

  it('the body’s request id wins over the header’s', async () => {
    const { client } = answering(
      [{ status: 404, body: jdError(404, 'NOT_FOUND'), headers: { 'x-jdcloud-request-id': HEADER_ID } }],
      { retry: false },
    );
    const error = await failure(client.describeInstance({ instanceId: INSTANCE }));
    expect(error).toMatchObject({ requestId: BODY_ID, providerCode: 'NOT_FOUND', code: 'NotFound' });
  });

  it('an error envelope without a request id takes the header’s', async () => {
    const { client } = answering(
      [
        {
          status: 404,
          body: jdError(404, 'NOT_FOUND', null),
          headers: { 'x-jdcloud-request-id': HEADER_ID },
        },
      ],
      { retry: false },
    );
    const error = await failure(client.describeInstance({ instanceId: INSTANCE }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.requestId).toBe(HEADER_ID);
  });

  it('an unknown status string keeps it as providerCode and is normalized by its HTTP status', async () => {
    const { client } = answering([{ status: 409, body: jdError(409, 'INSTANCE_LOCKED') }], { retry: false });
    const error = await failure(client.stopInstance({ instanceId: INSTANCE }));
    expect(error).toMatchObject({ providerCode: 'INSTANCE_LOCKED', code: 'InvalidState', httpStatus: 409 });
  });

  it('a mutation’s envelope without `result` is accepted as {}', async () => {
    const { client } = answering([{ status: 200, body: `{"requestId":"${BODY_ID}"}` }]);
    expect(await client.stopInstance({ instanceId: INSTANCE })).toEqual({});
  });
});

describe('throttling (429)', () => {
  it('QUOTA_EXCEEDED shares 429 but is not throttling: ApiError InvalidState, not retried', async () => {
    const { client, calls } = answering([{ status: 429, body: jdError(429, 'QUOTA_EXCEEDED') }]);
    const error = await failure(client.resizeInstance({ instanceId: INSTANCE, instanceType: 'g.n2.large' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      code: 'InvalidState',
      providerCode: 'QUOTA_EXCEEDED',
      retryable: false,
      attempts: 1,
    });
    expect(calls).toHaveLength(1);
  });

  it('a 429 without JD’s envelope (a plain-text gateway page) is still a RateLimitError', async () => {
    const { client } = answering(
      [{ status: 429, body: 'Too Many Requests', headers: { 'x-jdcloud-request-id': HEADER_ID } }],
      {
        retry: false,
      },
    );
    const error = await failure(client.describeInstance({ instanceId: INSTANCE }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ providerCode: 'HTTP 429', requestId: HEADER_ID, code: 'RateLimited' });
  });
});

describe('5xx', () => {
  it('NOT_IMPLEMENTED (501) is not retried', async () => {
    const { calls, client } = answering([{ status: 501, body: jdError(501, 'NOT_IMPLEMENTED') }]);
    expect(await failure(client.describeInstanceTypes())).toMatchObject({
      code: 'Unsupported',
      retryable: false,
    });
    expect(calls).toHaveLength(1);
  });
});

describe('the status-string table', () => {
  it('maps every documented JD status string with its documented HTTP status', () => {
    expect(Object.fromEntries(documented.map(([name, row]) => [name, [row.httpStatus, row.code]]))).toEqual({
      INVALID_ARGUMENT: [400, 'InvalidParameter'],
      FAILED_PRECONDITION: [400, 'InvalidState'],
      OUT_OF_RANGE: [400, 'InvalidParameter'],
      UNAUTHENTICATED: [401, 'AuthFailure'],
      HTTP_FORBIDDEN: [403, 'AuthFailure'],
      NOT_FOUND: [404, 'NotFound'],
      ABORTED: [409, 'InvalidState'],
      ALREADY_EXISTS: [409, 'InvalidState'],
      QUOTA_EXCEEDED: [429, 'InvalidState'],
      RATE_LIMIT: [429, 'RateLimited'],
      CANCELLED: [499, 'Unavailable'],
      UNKNOWN: [500, 'Internal'],
      INTERNAL: [500, 'Internal'],
      NOT_IMPLEMENTED: [501, 'Unsupported'],
      SOURCE_UNAVAILABLE: [502, 'Unavailable'],
      UNAVAILABLE: [503, 'Unavailable'],
    });
    const throttling = documented.filter(([, row]) => row.code === 'RateLimited');
    expect(throttling.map(([name]) => name)).toEqual(['RATE_LIMIT']);
  });
});

describe('missing credentials', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['accessKey', { secretKey: 'sk' }, /accessKey.*JDCLOUD_ACCESS_KEY/],
    ['secretKey', { accessKey: 'ak' }, /secretKey.*JDCLOUD_SECRET_KEY/],
    ['both', {}, /accessKey/],
  ])('without %s: CredentialsError at creation, fetch never called', (_label, credentials, message) => {
    vi.stubEnv('JDCLOUD_ACCESS_KEY', '');
    vi.stubEnv('JDCLOUD_SECRET_KEY', '');
    const fetch = vi.fn(async () => new Response('{}'));
    let error: unknown;
    try {
      createJdcloudVmClient({ credentials, region: 'cn-north-1', fetch });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ provider: 'jdcloud', code: 'AuthFailure', attempts: 0 });
    expect((error as Error).message).toMatch(message);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('bad input is refused before anything is sent', () => {
  const fetch = vi.fn(async () => new Response('{}'));
  const client = createJdcloudVmClient({
    credentials: { accessKey: 'ak', secretKey: 'sk' },
    region: 'cn-north-1',
    fetch,
  });

  it.each([
    [
      'a malformed instance id',
      () => client.resizeInstance({ instanceId: 'i-NOT_VALID', instanceType: 'g.n2.large' }),
      'instanceId',
      'pattern',
    ],
    [
      'regionId (the client fills it)',
      () => client.describeInstance({ instanceId: INSTANCE, regionId: 'cn-east-2' } as never),
      'regionId',
      'additionalProperties',
    ],
    [
      'a short password',
      () => client.rebuildInstance({ instanceId: INSTANCE, password: 'Ab3$' }),
      'password',
      'minLength',
    ],
    [
      'a password with two character classes',
      () => client.rebuildInstance({ instanceId: INSTANCE, password: 'abcdefgh12' }),
      'password',
      'minCharacterClasses',
    ],
    [
      'a filter without values',
      () => client.describeInstanceStatus({ filters: [{ name: 'instanceId', values: [] }] }),
      'filters[0].values',
      'minItems',
    ],
    [
      'a filter name the spec does not list',
      () => client.describeInstanceStatus({ filters: [{ name: 'color' as never, values: ['red'] }] }),
      'filters[0].name',
      'enum',
    ],
    [
      'an empty filter value',
      () => client.describeInstanceTypes({ filters: [{ name: 'az', values: [''] }] }),
      'filters[0].values[0]',
      'minLength',
    ],
    ['a page size below 10', () => client.describeInstanceStatus({ pageSize: 5 }), 'pageSize', 'minimum'],
    ['an unknown cmd', () => client.calculateTotalPrice({ cmd: 9 as never, packageCount: 1 }), 'cmd', 'enum'],
  ])('%s: ValidationError naming the field', async (_label, call, field, rule) => {
    const error = await failure(call());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, rule, provider: 'jdcloud', code: 'InvalidParameter', attempts: 0 });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('an empty region: ValidationError at creation', () => {
    expect(() =>
      createJdcloudVmClient({ credentials: { accessKey: 'a', secretKey: 'b' }, region: '' }),
    ).toThrow(ValidationError);
  });
});
