import { flattenParams, toQueryString } from '@instancekit/core/internal';
import { describe, expect, it } from 'vitest';
import { signV1 } from '../src/signing/v1';

/** How the doc pages print a query: raw `k=v` joined by `&`. */
const raw = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

/**
 * The parameter part of a legacy-host example URL (reference/tencent-cvm.md §1.5), without `DryRun`
 * (not a documented parameter) and without the `<common params>` placeholder.
 */
const documented = (url: string) =>
  url
    .split('?')[1]!
    .split('&')
    .filter((p) => !p.startsWith('DryRun=') && p !== '<common params>')
    .join('&');

describe('flattenParams reproduces the 2017 legacy-host examples (§1.5)', () => {
  it('ResetInstancesType', () => {
    const url =
      'https://cvm.api.qcloud.com/v2/index.php?Action=ResetInstancesType&Version=2017-03-12&InstanceIds.1=ins-r8hr2upy&InstanceType=S1.LARGE4&DryRun=FALSE&<common params>';
    const pairs = flattenParams({
      Action: 'ResetInstancesType',
      Version: '2017-03-12',
      InstanceIds: ['ins-r8hr2upy'],
      InstanceType: 'S1.LARGE4',
    });
    expect(raw(pairs)).toBe(documented(url));
    expect(raw(pairs)).toBe(
      'Action=ResetInstancesType&Version=2017-03-12&InstanceIds.1=ins-r8hr2upy&InstanceType=S1.LARGE4',
    );
  });

  it('InquiryPriceResetInstancesType', () => {
    const url =
      'https://cvm.api.qcloud.com/v2/index.php?Action=InquiryPriceResetInstancesType&Version=2017-03-12&InstanceIds.1=ins-2zvpghhc&InstanceType=S1.SMALL4&<common params>';
    const pairs = flattenParams({
      Action: 'InquiryPriceResetInstancesType',
      Version: '2017-03-12',
      InstanceIds: ['ins-2zvpghhc'],
      InstanceType: 'S1.SMALL4',
    });
    expect(raw(pairs)).toBe(documented(url));
  });

  it('ResetInstance (nested objects and booleans)', () => {
    const url =
      'https://cvm.api.qcloud.com/v2/index.php?Action=ResetInstance&Version=2017-03-12&InstanceId=ins-r8hr2upy&ImageId=img-pmqg1cw7&SystemDisk.DiskSize=60&LoginSettings.Password=Qcloud@TestApi123++&EnhancedService.SecurityService.Enabled=TRUE&EnhancedService.MonitorService.Enabled=TRUE&<common params>';
    const pairs = flattenParams({
      Action: 'ResetInstance',
      Version: '2017-03-12',
      InstanceId: 'ins-r8hr2upy',
      ImageId: 'img-pmqg1cw7',
      SystemDisk: { DiskSize: 60 },
      LoginSettings: { Password: 'Qcloud@TestApi123++' },
      EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
    });
    expect(raw(pairs)).toBe(documented(url));
    // Sent form: the page prints values raw, but `+` would arrive as a space and `@` is reserved.
    expect(toQueryString(pairs)).toBe(
      'Action=ResetInstance&Version=2017-03-12&InstanceId=ins-r8hr2upy&ImageId=img-pmqg1cw7' +
        '&SystemDisk.DiskSize=60&LoginSettings.Password=Qcloud%40TestApi123%2B%2B' +
        '&EnhancedService.SecurityService.Enabled=TRUE&EnhancedService.MonitorService.Enabled=TRUE',
    );
  });

  it('InquiryPriceResetInstance', () => {
    const url =
      'https://cvm.api.qcloud.com/v2/index.php?Action=InquiryPriceResetInstance&Version=2017-03-12&InstanceId=ins-2zvpghhc&SystemDisk.DiskSize=50&<common params>';
    const pairs = flattenParams({
      Action: 'InquiryPriceResetInstance',
      Version: '2017-03-12',
      InstanceId: 'ins-2zvpghhc',
      SystemDisk: { DiskSize: 50 },
    });
    expect(raw(pairs)).toBe(documented(url));
  });
});

describe('flattenParams options and edge cases', () => {
  const input = {
    InstanceIds: ['a', 'b'],
    SystemDisk: { DiskSize: 60 },
    LoginSettings: { KeyIds: ['k1'] },
    EnhancedService: { SecurityService: { Enabled: true } },
  };

  it('defaults to 1-based indexes and TRUE/FALSE, as the legacy pages document', () => {
    expect(flattenParams(input)).toEqual([
      ['InstanceIds.1', 'a'],
      ['InstanceIds.2', 'b'],
      ['SystemDisk.DiskSize', '60'],
      ['LoginSettings.KeyIds.1', 'k1'],
      ['EnhancedService.SecurityService.Enabled', 'TRUE'],
    ]);
  });

  it('gives the official SDK form with { indexBase: 0, booleans: "lower" } (§1.4)', () => {
    expect(raw(flattenParams(input, { indexBase: 0, booleans: 'lower' }))).toBe(
      'InstanceIds.0=a&InstanceIds.1=b&SystemDisk.DiskSize=60&LoginSettings.KeyIds.0=k1' +
        '&EnhancedService.SecurityService.Enabled=true',
    );
  });

  it('keeps each option independent', () => {
    const flags = { ForceStop: false, InstanceIds: ['x'] };
    expect(flattenParams(flags, { indexBase: 0 })).toEqual([
      ['ForceStop', 'FALSE'],
      ['InstanceIds.0', 'x'],
    ]);
    expect(flattenParams(flags, { booleans: 'lower' })).toEqual([
      ['ForceStop', 'false'],
      ['InstanceIds.1', 'x'],
    ]);
  });

  it('flattens arrays of objects (Filters.N.Name, Filters.N.Values.M)', () => {
    const pairs = flattenParams({
      Filters: [{ Name: 'zone', Values: ['ap-guangzhou-1', 'ap-guangzhou-2'] }],
    });
    expect(raw(pairs)).toBe(
      'Filters.1.Name=zone&Filters.1.Values.1=ap-guangzhou-1&Filters.1.Values.2=ap-guangzhou-2',
    );
  });

  it('skips undefined and null, keeps 0, false and empty strings', () => {
    const pairs = flattenParams({
      ImageId: undefined,
      LoginSettings: null,
      SystemDisk: { DiskSize: 0, DiskType: undefined },
      ForceStop: false,
      InstanceName: '',
      InstanceIds: ['a', null, 'c'],
    });
    // A null inside an array leaves its index unused, as the official SDK's mergeData does.
    expect(raw(pairs)).toBe(
      'SystemDisk.DiskSize=0&ForceStop=FALSE&InstanceName=&InstanceIds.1=a&InstanceIds.3=c',
    );
  });

  it('keeps the input key order (the signer sorts; the wire order does not matter)', () => {
    expect(flattenParams({ b: 1, a: 2, C: 3 }).map(([k]) => k)).toEqual(['b', 'a', 'C']);
  });
});

describe('toQueryString', () => {
  it("percent-encodes names and values with RFC 3986 (including !'()* and UTF-8)", () => {
    expect(toQueryString([['InstanceName', "a b!'()*未"]])).toBe(
      'InstanceName=a%20b%21%27%28%29%2A%E6%9C%AA',
    );
    expect(toQueryString([])).toBe('');
  });
});

describe('flattenParams feeds signV1', () => {
  it('reproduces NSI3… (§1.3) from nested input with the 0-based option', async () => {
    const params = Object.fromEntries(
      flattenParams(
        {
          Action: 'DescribeInstances',
          Nonce: 11886,
          Region: 'gz',
          SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
          Timestamp: 1465185768,
          instanceIds: ['ins-09dx96dg'],
          limit: 20,
          offset: 0,
        },
        { indexBase: 0 },
      ),
    );
    const { signature } = await signV1({
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
      method: 'GET',
      host: 'cvm.api.qcloud.com',
      path: '/v2/index.php',
      params,
    });
    expect(signature).toBe('NSI3UqqD99b/UJb4tbG/xZpRW64=');
  });
});
