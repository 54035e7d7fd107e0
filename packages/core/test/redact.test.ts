import { describe, expect, it } from 'vitest';
import { ApiError, ResponseFormatError } from '../src/errors';
import {
  redactHeaders,
  redactUrl,
  scrubDeep,
  scrubError,
  secretForms,
  sensitiveValues,
  textScrubber,
} from '../src/redact';

describe('redaction by name', () => {
  it('redacts sensitive query values and headers, keeps the rest', () => {
    expect(redactUrl('https://h/v2/index.php?Action=X&LoginSettings.Password=p%40ss&Signature=abc')).toBe(
      'https://h/v2/index.php?Action=X&LoginSettings.Password=[redacted]&Signature=[redacted]',
    );
    expect(redactHeaders({ Authorization: 'TC3 …', 'X-TC-Token': 't', 'X-TC-Action': 'A' })).toEqual({
      Authorization: '[redacted]',
      'X-TC-Token': '[redacted]',
      'X-TC-Action': 'A',
    });
  });
});

describe('scrubbing by value', () => {
  const input = {
    InstanceId: 'ins-1',
    LoginSettings: { Password: 'Hunter2+secret' },
    userdata: [{ key: 'launch-script', value: btoa('#!/bin/sh\necho token-123456\n') }],
  };
  const forms = secretForms([...sensitiveValues(input), 'SECRETKEY-abc']);
  const scrub = textScrubber(forms);

  it('collects every string under a sensitive name, and the forms a gateway could echo', () => {
    // The entry's `key` names it; only its value is a secret.
    expect(sensitiveValues(input)).toEqual(['Hunter2+secret', btoa('#!/bin/sh\necho token-123456\n')]);
    expect(forms).toContain(encodeURIComponent('Hunter2+secret'));
    expect(forms).toContain('echo token-123456');
    expect(forms).not.toContain('ins-1');
  });

  it('scrubs an error’s message, stack, body snippet and cause', () => {
    const cause = new TypeError('header value "SECRETKEY-abc" is invalid');
    const error = new ResponseFormatError('A: bad Hunter2%2Bsecret', {
      provider: 'p',
      code: 'Internal',
      bodySnippet: '<pre>echo token-123456</pre>',
      cause,
    });
    scrubError(error, scrub);
    const replaced = error.cause as Error;
    expect(replaced).not.toBe(cause);
    const all = [error.message, error.stack, error.bodySnippet, replaced.message, replaced.stack].join('\n');
    expect(all).not.toMatch(/Hunter2|token-123456|SECRETKEY/);
    expect(error.message).toBe('A: bad [redacted]');
  });

  it('scrubs every string of a log event, deeply, without touching the original', () => {
    const event = { type: 'error', error: { message: 'x Hunter2+secret', list: ['SECRETKEY-abc'] } };
    expect(JSON.stringify(scrubDeep(event, scrub))).not.toMatch(/Hunter2|SECRETKEY/);
    expect(event.error.message).toBe('x Hunter2+secret');
  });

  it('leaves short values alone (they would scrub ordinary words)', () => {
    const error = new ApiError('the id abc failed', { provider: 'p', code: 'Internal' });
    scrubError(error, textScrubber(secretForms(['abc'])));
    expect(error.message).toBe('the id abc failed');
  });
});
