// Both platforms (src/platform-web.ts: Web Crypto; src/platform-node.ts: node:crypto) give the same bytes for the
// same input: the RFC 4231 / FIPS 180-2 vectors, the empty key (RFC 2104 zero-pads it), a prepared key, and bytes
// given as a view into a larger buffer. Tests resolve `#platform` to the node one; this runs both directly.
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../src/crypto';
import { platform as node } from '../src/platform-node';
import { platform as web } from '../src/platform-web';

describe.each([web, node])('platform $name', (platform) => {
  it('hashes SHA-256 as FIPS 180-2 ("abc")', async () => {
    expect(toHex(await platform.sha256('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('signs HMAC-SHA256 and HMAC-SHA1 as RFC 4231 / RFC 2202 test case 2', async () => {
    expect(toHex(await platform.hmac('SHA-256', 'Jefe', 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(toHex(await platform.hmac('SHA-1', 'Jefe', 'what do ya want for nothing?'))).toBe(
      'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    );
  });

  it('treats an empty key as one zero byte and a prepared key as its raw bytes', async () => {
    const empty = toHex(await platform.hmac('SHA-256', '', 'm'));
    expect(empty).toBe(toHex(await platform.hmac('SHA-256', new Uint8Array(1), 'm')));
    const prepared = await platform.prepareHmacKey('SHA-256', 'Jefe');
    expect(toHex(await platform.hmac('SHA-256', prepared, 'm'))).toBe(
      toHex(await platform.hmac('SHA-256', 'Jefe', 'm')),
    );
  });

  it('reads a byte view at its offset, not its whole buffer', async () => {
    const whole = utf8('xxabcxx');
    expect(toHex(await platform.sha256(whole.subarray(2, 5)))).toBe(toHex(await platform.sha256('abc')));
  });
});

it('the platforms agree on a 1 MiB body and a non-ASCII message', async () => {
  const body = 'é'.repeat(512 * 1024);
  expect(toHex(await node.sha256(body))).toBe(toHex(await web.sha256(body)));
  expect(toHex(await node.hmac('SHA-256', '密钥', body))).toBe(
    toHex(await web.hmac('SHA-256', '密钥', body)),
  );
});

describe("the node platform's hex forms (one-shot digests, a padded key per prepared HMAC key)", () => {
  it('sign as RFC 4231 test cases 2 and 6 (a key longer than the block) with a prepared key', async () => {
    const jefe = await node.prepareHmacKey('SHA-256', 'Jefe');
    expect(node.hmacHex!('SHA-256', jefe, 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const long = await node.prepareHmacKey('SHA-256', new Uint8Array(131).fill(0xaa));
    expect(node.hmacHex!('SHA-256', long, 'Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('agree with the binary forms on an empty key, a byte view and a non-ASCII message', async () => {
    for (const raw of ['', '密钥', new Uint8Array(64).fill(7)]) {
      const prepared = await node.prepareHmacKey('SHA-256', raw);
      for (const message of ['', 'é'.repeat(1000), utf8('xxabcxx').subarray(2, 5)])
        expect(node.hmacHex!('SHA-256', prepared, message)).toBe(
          toHex(await web.hmac('SHA-256', raw, message)),
        );
    }
    expect(node.sha256Hex!(utf8('xxabcxx').subarray(2, 5))).toBe(toHex(await web.sha256('abc')));
  });

  it('keep no byte of one HMAC in the next (the inner block is reused, and grown past 4 KiB)', async () => {
    const a = await node.prepareHmacKey('SHA-256', 'key-a');
    const b = await node.prepareHmacKey('SHA-256', new Uint8Array(80).fill(3));
    // Longer than the first block, then shorter, then bytes, alternating keys: every digest as Web Crypto's.
    const messages = ['密'.repeat(3000), 'x'.repeat(5000), 'short', '', utf8('é'.repeat(2100)), 'tail'];
    for (const message of messages)
      for (const [prepared, raw] of [
        [a, 'key-a'],
        [b, new Uint8Array(80).fill(3)],
      ] as const)
        expect(node.hmacHex!('SHA-256', prepared, message)).toBe(
          toHex(await web.hmac('SHA-256', raw, message)),
        );
  });

  it('show no key byte to util.inspect', async () => {
    const { inspect } = await import('node:util');
    const prepared = await node.prepareHmacKey('SHA-256', 'hunter2-secret');
    const shown = inspect(prepared, { showHidden: true, depth: 5 });
    expect(shown).not.toMatch(/hunter2|68 75 6e|<Buffer/);
  });
});
