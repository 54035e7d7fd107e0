import { describe, expect, it } from 'vitest';
import {
  cachedHmacKey,
  encodeRfc3986,
  hmacSha1,
  hmacSha256,
  sha256Hex,
  toBase64,
  toHex,
  utf8,
} from '../src/crypto';

describe('utf8 / toHex / toBase64', () => {
  it('encodes strings as UTF-8 bytes', () => {
    expect(Array.from(utf8('a未'))).toEqual([0x61, 0xe6, 0x9c, 0xaa]);
  });

  it('writes lower-case, zero-padded hex', () => {
    expect(toHex(new Uint8Array([0, 1, 0x0f, 0xab, 0xff]))).toBe('00010fabff');
  });

  it('writes standard padded base64 (RFC 4648 §10 vectors)', () => {
    const b64 = (s: string) => toBase64(utf8(s));
    expect([b64(''), b64('f'), b64('fo'), b64('foo'), b64('foob'), b64('fooba'), b64('foobar')]).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
    // Bytes above 0x7f must survive (btoa works on a binary string, not on UTF-8 text).
    expect(toBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });
});

describe('encodeRfc3986', () => {
  it("escapes !'()* on top of encodeURIComponent, with upper-case hex", () => {
    expect(encodeRfc3986("a b!'()*~-_.")).toBe('a%20b%21%27%28%29%2A~-_.');
  });

  it('escapes reserved characters and UTF-8', () => {
    expect(encodeRfc3986('Qcloud@TestApi123++/=:')).toBe('Qcloud%40TestApi123%2B%2B%2F%3D%3A');
    expect(encodeRfc3986('未命名')).toBe('%E6%9C%AA%E5%91%BD%E5%90%8D');
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 vectors', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes strings as UTF-8, the same as their bytes', async () => {
    expect(await sha256Hex('未命名')).toBe(await sha256Hex(utf8('未命名')));
  });

  it('accepts a view into a larger buffer and hashes only the view', async () => {
    const whole = utf8('xxabcxx');
    expect(await sha256Hex(whole.subarray(2, 5))).toBe(await sha256Hex('abc'));
  });
});

describe('HMAC', () => {
  it('matches RFC 4231 test case 2 (HMAC-SHA256)', async () => {
    const mac = await hmacSha256('Jefe', 'what do ya want for nothing?');
    expect(toHex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('matches RFC 2202 test case 2 (HMAC-SHA1)', async () => {
    const mac = await hmacSha1('Jefe', 'what do ya want for nothing?');
    expect(toHex(mac)).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });

  it('takes a binary key, as key-derivation chains need', async () => {
    const key = new Uint8Array(20).fill(0x0b); // RFC 4231 test case 1
    expect(toHex(await hmacSha256(key, 'Hi There'))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });

  it('accepts an empty key, as RFC 2104 does', async () => {
    expect(toHex(await hmacSha256('', ''))).toBe(
      'b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad',
    );
    expect(toHex(await hmacSha1('', ''))).toBe('fbdb1d1b18aa6c08324b7d64b71fb76370690e1d');
  });
});

describe('cachedHmacKey', () => {
  it('signs exactly as the raw key does (RFC 4231 test case 2)', async () => {
    const key = await cachedHmacKey('SHA-256', 'rfc4231-2', () => 'Jefe');
    const mac = toHex(await hmacSha256(key, 'what do ya want for nothing?'));
    expect(mac).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(toHex(await hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe(mac);
  });

  it('derives once per id and again for another id', async () => {
    let derivations = 0;
    const derive = () => {
      derivations++;
      return utf8('derived');
    };
    const first = await cachedHmacKey('SHA-256', 'once-a', derive);
    expect(await cachedHmacKey('SHA-256', 'once-a', derive)).toBe(first);
    expect(derivations).toBe(1);
    expect(await cachedHmacKey('SHA-256', 'once-b', derive)).not.toBe(first);
    expect(derivations).toBe(2);
  });

  it('does not keep a failed derivation: the next call derives again', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
      return utf8('k');
    };
    await expect(cachedHmacKey('SHA-256', 'flaky', flaky)).rejects.toThrow('transient');
    const key = await cachedHmacKey('SHA-256', 'flaky', flaky);
    expect(toHex(await hmacSha256(key, 'm'))).toBe(toHex(await hmacSha256('k', 'm')));
    expect(calls).toBe(2);
  });

  it('keeps at most 32 keys: the oldest is derived again', async () => {
    let derivations = 0;
    const derive = () => {
      derivations++;
      return 'k';
    };
    for (let i = 0; i < 33; i++) await cachedHmacKey('SHA-256', `bounded-${i}`, derive);
    expect(derivations).toBe(33);
    await cachedHmacKey('SHA-256', 'bounded-32', derive);
    expect(derivations).toBe(33);
    await cachedHmacKey('SHA-256', 'bounded-0', derive);
    expect(derivations).toBe(34);
  });
});
