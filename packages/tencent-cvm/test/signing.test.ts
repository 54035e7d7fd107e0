import { deriveScopedKey, encodeRfc3986, hmacSha256, sha256Hex, toHex } from '@instancekit/core/internal';
import { describe, expect, it } from 'vitest';
import { signTc3, type Tc3Input } from '../src/signing/tc3';
import { signV1, v1Hmac } from '../src/signing/v1';

/** SecretSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request"), as signTc3 derives it. */
const deriveTc3SigningKey = (secretKey: string, date: string, service: string) =>
  deriveScopedKey('TC3', secretKey, [date, service, 'tc3_request']);

// Vectors: /work/shared/reference/tencent-cvm.md §1.3, §2.4, §2.5.

describe('signature v1 on the legacy gateway (§1.3)', () => {
  it('reproduces the official HmacSHA1 vector NSI3…', async () => {
    const { signature, stringToSign } = await signV1({
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
      method: 'GET',
      host: 'cvm.api.qcloud.com',
      path: '/v2/index.php',
      // Deliberately unsorted: the signer must sort in ASCII order (upper case before lower case).
      params: {
        limit: '20',
        offset: '0',
        'instanceIds.0': 'ins-09dx96dg',
        Timestamp: '1465185768',
        Action: 'DescribeInstances',
        SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
        Region: 'gz',
        Nonce: '11886',
      },
    });
    expect(stringToSign).toBe(
      'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz' +
        '&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg' +
        '&limit=20&offset=0',
    );
    expect(signature).toBe('NSI3UqqD99b/UJb4tbG/xZpRW64=');
    expect(encodeRfc3986(signature)).toBe('NSI3UqqD99b%2FUJb4tbG%2FxZpRW64%3D');
  });

  it('leaves a Signature parameter out of the string to sign', async () => {
    const { stringToSign } = await signV1({
      secretKey: 'k',
      method: 'POST',
      host: 'cvm.api.qcloud.com',
      path: '/v2/index.php',
      params: { Signature: 'stale', Action: 'ResetInstance' },
    });
    expect(stringToSign).toBe('POSTcvm.api.qcloud.com/v2/index.php?Action=ResetInstance');
  });

  it('hashes as the signed SignatureMethod parameter says: HmacSHA256 for exactly that, HmacSHA1 otherwise', async () => {
    const base = { secretKey: 'k', method: 'GET', host: 'h', path: '/' } as const;
    for (const [declared, hash] of [
      ['HmacSHA256', 'HmacSHA256'],
      ['HmacSHA1', 'HmacSHA1'],
      [undefined, 'HmacSHA1'],
      ['hmacsha256', 'HmacSHA1'],
    ] as const) {
      const params: Record<string, string> = {
        Action: 'A',
        ...(declared ? { SignatureMethod: declared } : {}),
      };
      const { signature, stringToSign } = await signV1({ ...base, params });
      expect(signature, String(declared)).toBe(await v1Hmac('k', stringToSign, hash));
    }
  });
});

describe('signature v1 on API 3.0 (§2.5)', () => {
  const input = {
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    method: 'GET',
    host: 'cvm.tencentcloudapi.com',
    path: '/',
    params: {
      Action: 'DescribeInstances',
      Version: '2017-03-12',
      Region: 'ap-guangzhou',
      'InstanceIds.0': 'ins-09dx96dg',
      Offset: '0',
      Limit: '20',
      SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      Timestamp: '1465185768',
      Nonce: '11886',
    },
  } as const;

  it('reproduces EliP9… from the current doc revision', async () => {
    const { signature, stringToSign } = await signV1(input);
    expect(stringToSign).toBe(
      'GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886' +
        '&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768' +
        '&Version=2017-03-12',
    );
    expect(signature).toBe('EliP9YW3pW28FpsEdkXt/+WcGeI=');
    expect(encodeRfc3986(signature)).toBe('EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D');
  });

  it('does NOT reproduce the 2018 erratum v9MVG3… (same input, either method or verb)', async () => {
    const erratum = 'v9MVG3fopp/gCsLSZ4gMFeYGgDU=';
    for (const method of ['GET', 'POST'] as const) {
      const sha1 = await signV1({ ...input, method });
      const sha256 = await signV1({
        ...input,
        method,
        params: { ...input.params, SignatureMethod: 'HmacSHA256' },
      });
      expect(sha1.signature).not.toBe(erratum);
      expect(sha256.signature).not.toBe(erratum);
    }
  });

  it('matches the official Node SDK unit vectors for the raw HMAC (Sign.sign)', async () => {
    expect(await v1Hmac('test-secret-key', 'test-sign-string', 'HmacSHA1')).toBe(
      'XjwGF9U5zdo93uMrX2b1ZDwoFOo=',
    );
    expect(await v1Hmac('test-secret-key', 'test-sign-string', 'HmacSHA256')).toBe(
      '6c+oFbRDL8wKcVPPwa4KtGMOzMuJTQDwV+8tMMPf7oM=',
    );
  });
});

describe('TC3-HMAC-SHA256 (§2.4): the four published revisions of the worked example', () => {
  // Exact bytes: the \uXXXX are literal six-character escapes, not decoded characters.
  const payload = String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`;
  const request = {
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    method: 'POST',
    contentType: 'application/json; charset=utf-8',
    payload,
    timestamp: 1551113065,
  };
  const keysA = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  };
  // The asterisks are literal key characters in revisions B-D.
  const keysB = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  };
  const keysD = { secretId: 'AKID' + '*'.repeat(32), secretKey: '*'.repeat(32) };
  const signAction = { extraSignedHeaders: { 'X-TC-Action': 'DescribeInstances' } };

  const payloadHash = '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';
  const canonicalTwoHeaders =
    'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
    `content-type;host\n${payloadHash}`;
  const canonicalWithAction =
    'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n' +
    `x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n${payloadHash}`;
  const stringToSign = (hashedCanonicalRequest: string) =>
    `TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${hashedCanonicalRequest}`;

  it('hashes the payload as printed', async () => {
    expect(await sha256Hex(payload)).toBe(payloadHash);
  });

  it('rev A (Python_API.md, EXAMPLE keys, content-type;host) → 72e494ea…', async () => {
    const out = await signTc3({ ...request, ...keysA });
    expect(out.canonicalRequest).toBe(canonicalTwoHeaders);
    expect(out.signedHeaders).toBe('content-type;host');
    expect(out.stringToSign).toBe(
      stringToSign('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031'),
    );
    expect(out.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(out.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('rev B (asterisk keys, content-type;host) → 2230eefd… with the printed Authorization', async () => {
    const out = await signTc3({ ...request, ...keysB });
    expect(out.canonicalRequest).toBe(canonicalTwoHeaders);
    expect(out.stringToSign).toBe(
      stringToSign('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031'),
    );
    expect(out.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('rev C (asterisk keys, content-type;host;x-tc-action) → be4f67d3…', async () => {
    const out = await signTc3({ ...request, ...keysB, ...signAction });
    expect(out.canonicalRequest).toBe(canonicalWithAction);
    expect(out.signedHeaders).toBe('content-type;host;x-tc-action');
    expect(out.stringToSign).toBe(
      stringToSign('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84'),
    );
    expect(out.signature).toBe('be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3');
    expect(out.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host;x-tc-action, Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
    );
  });

  it('rev D (current: AKID + 32 asterisks, content-type;host;x-tc-action) → 10b1a37a…', async () => {
    const out = await signTc3({ ...request, ...keysD, ...signAction });
    expect(out.canonicalRequest).toBe(canonicalWithAction);
    expect(out.stringToSign).toBe(
      stringToSign('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84'),
    );
    expect(out.signature).toBe('10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f');
    expect(out.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKID${'*'.repeat(32)}/2019-02-25/cvm/tc3_request, ` +
        'SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
    );
  });

  it('derives the intermediate keys printed in rev D', async () => {
    const secretDate = await hmacSha256('TC3' + keysD.secretKey, '2019-02-25');
    const secretService = await hmacSha256(secretDate, 'cvm');
    expect(toHex(secretDate)).toBe('da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0');
    expect(toHex(secretService)).toBe('8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f');
    expect(toHex(await deriveTc3SigningKey(keysD.secretKey, '2019-02-25', 'cvm'))).toBe(
      'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af',
    );
  });

  it('derives the intermediate keys computed for revs B and C', async () => {
    const secretDate = await hmacSha256('TC3' + keysB.secretKey, '2019-02-25');
    const secretService = await hmacSha256(secretDate, 'cvm');
    expect(toHex(secretDate)).toBe('f1cb4d518a0eda9d5cbbfdb7850983f1e603eeae484edea76e4dd8d8deb5556e');
    expect(toHex(secretService)).toBe('e7c609ce81bea53546bed2cc904778bef9ca14082e48e67883443ed64e227cd7');
    expect(toHex(await deriveTc3SigningKey(keysB.secretKey, '2019-02-25', 'cvm'))).toBe(
      '8aa8ab5755582f576e94bcfe383b8e29325b0ca90c3590d569221c6a63a091ed',
    );
  });

  it('takes the scope date in UTC (1551113065 is already 2019-02-26 in Beijing)', async () => {
    const out = await signTc3({ ...request, ...keysA, timestamp: 1551113065 });
    expect(out.stringToSign.split('\n')[2]).toBe('2019-02-25/cvm/tc3_request');
  });

  it('hashes byte payloads the same as their UTF-8 string', async () => {
    const fromBytes = await signTc3({ ...request, ...keysA, payload: new TextEncoder().encode(payload) });
    expect(fromBytes.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });
});

describe('TC3 against the official Node SDK unit tests (§2.5, sign.test.ts)', () => {
  const base: Omit<Tc3Input, 'method' | 'contentType'> = {
    secretId: 'test-secret-id',
    secretKey: 'test-secret-key',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    payload: '{"Action":"DescribeInstances","Version":"2017-03-12"}',
    timestamp: 1640995200,
  };

  it('POST application/json → 96473b50…', async () => {
    const out = await signTc3({ ...base, method: 'POST', contentType: 'application/json' });
    expect(out.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=test-secret-id/2022-01-01/cvm/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3',
    );
  });

  it('GET → 39ce411a… (the SDK test hashes the JSON payload even for GET; reproduced as such)', async () => {
    const out = await signTc3({ ...base, method: 'GET', contentType: 'application/x-www-form-urlencoded' });
    expect(out.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=test-secret-id/2022-01-01/cvm/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=39ce411ac32014b7d814118b33f82d3445be566f67e1f4b369ccdc3791ce9a13',
    );
  });

  it('puts a GET query string, as sent, on the third line of the canonical request', async () => {
    const out = await signTc3({
      ...base,
      method: 'get',
      contentType: 'application/x-www-form-urlencoded',
      payload: '',
      query: 'Action=DescribeInstances&Limit=1',
    });
    expect(out.canonicalRequest.split('\n').slice(0, 3)).toEqual([
      'GET',
      '/',
      'Action=DescribeInstances&Limit=1',
    ]);
    expect(
      out.canonicalRequest.endsWith('\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    ).toBe(true);
  });
});
